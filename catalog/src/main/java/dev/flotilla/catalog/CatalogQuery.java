package dev.flotilla.catalog;

import java.util.Locale;

/**
 * A filter over entries; null or blank parts match everything.
 *
 * @param q words that must all appear (case-insensitive) in the path, source, description, owner,
 *     tags or another metadata value
 * @param engine {@code fluent-bit} or {@code fluentd}
 * @param tag one tag the entry must carry
 * @param lint {@code ok}, {@code warnings} or {@code errors}
 */
public record CatalogQuery(String q, String engine, String tag, String lint) {

  public static CatalogQuery all() {
    return new CatalogQuery(null, null, null, null);
  }

  public boolean matches(CatalogEntry e) {
    if (!blank(engine) && !engine.equalsIgnoreCase(String.valueOf(e.engine()))) {
      return false;
    }
    if (!blank(lint) && !lint.equalsIgnoreCase(e.lint().state())) {
      return false;
    }
    if (!blank(tag) && e.tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag.strip()))) {
      return false;
    }
    if (blank(q)) {
      return true;
    }
    StringBuilder hay = new StringBuilder();
    hay.append(e.path()).append('\n').append(e.source()).append('\n');
    e.metadata().forEach((k, v) -> hay.append(v).append('\n'));
    String text = hay.toString().toLowerCase(Locale.ROOT);
    for (String word : q.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!word.isEmpty() && !text.contains(word)) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
