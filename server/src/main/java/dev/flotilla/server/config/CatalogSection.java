package dev.flotilla.server.config;

import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.catalog.source.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code catalog:} section of the server's YAML:
 *
 * <pre>
 * catalog:
 *   folders:
 *     - {dir: /srv/configs, include: ["*.conf", "*.yaml"], exclude: ["drafts/**"], refresh-seconds: 30}
 *   git:
 *     - {url: https://host/configs.git, branch: main, refresh-seconds: 300}
 *   max-file-bytes: 1048576
 *   max-files: 5000
 * </pre>
 *
 * {@code enabled: false} turns the catalog off. Bad keys and types fail with the key's name.
 */
final class CatalogSection {
  private static final Set<String> KEYS =
      Set.of("enabled", "folders", "git", "max-file-bytes", "max-files");
  private static final Set<String> FOLDER_KEYS =
      Set.of("dir", "include", "exclude", "refresh-seconds");
  private static final Set<String> GIT_KEYS =
      Set.of("url", "branch", "include", "exclude", "refresh-seconds");

  private CatalogSection() {}

  static CatalogSettings read(Path file, String key, Object v, CatalogSettings base) {
    Map<?, ?> m = map(file, key, v, KEYS);
    if (m.containsKey("enabled") && Boolean.FALSE.equals(m.get("enabled"))) {
      return null;
    }
    CatalogSettings c = base == null ? CatalogSettings.of(List.of(), List.of()) : base;
    for (Object o : list(file, key + ".folders", m.get("folders"))) {
      Map<?, ?> f = map(file, key + ".folders[]", o, FOLDER_KEYS);
      c =
          c.withFolder(
              new CatalogSettings.Folder(
                  Path.of(string(file, key + ".folders[].dir", f.get("dir"))),
                  strings(file, key + ".folders[].include", f.get("include")),
                  strings(file, key + ".folders[].exclude", f.get("exclude")),
                  seconds(file, key + ".folders[].refresh-seconds", f.get("refresh-seconds"))));
    }
    for (Object o : list(file, key + ".git", m.get("git"))) {
      Map<?, ?> g = map(file, key + ".git[]", o, GIT_KEYS);
      c =
          c.withRepository(
              new CatalogSettings.Repository(
                  string(file, key + ".git[].url", g.get("url")),
                  g.get("branch") == null
                      ? null
                      : string(file, key + ".git[].branch", g.get("branch")),
                  strings(file, key + ".git[].include", g.get("include")),
                  strings(file, key + ".git[].exclude", g.get("exclude")),
                  seconds(file, key + ".git[].refresh-seconds", g.get("refresh-seconds"))));
    }
    if (m.containsKey("max-file-bytes") || m.containsKey("max-files")) {
      c =
          new CatalogSettings(
              c.folders(),
              c.repositories(),
              new Limits(
                  m.containsKey("max-file-bytes")
                      ? number(file, key + ".max-file-bytes", m.get("max-file-bytes"))
                      : c.limits().maxFileBytes(),
                  m.containsKey("max-files")
                      ? (int) number(file, key + ".max-files", m.get("max-files"))
                      : c.limits().maxFiles()));
    }
    return c;
  }

  private static Map<?, ?> map(Path file, String key, Object v, Set<String> known) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          file
              + ": '"
              + key
              + "' must be a mapping ("
              + String.join(", ", known.stream().sorted().toList())
              + ")");
    }
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(file + ": unknown key '" + key + "." + k + "'");
      }
    }
    return m;
  }

  private static List<?> list(Path file, String key, Object v) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(file + ": '" + key + "' must be a list");
    }
    return l;
  }

  private static List<String> strings(Path file, String key, Object v) {
    List<String> out = new ArrayList<>();
    for (Object o : list(file, key, v)) {
      out.add(string(file, key, o));
    }
    return out;
  }

  private static String string(Path file, String key, Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(file + ": '" + key + "' must be a non-empty string");
  }

  private static long number(Path file, String key, Object v) {
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() > 0) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(
        file + ": '" + key + "' must be a positive whole number, not '" + v + "'");
  }

  private static Duration seconds(Path file, String key, Object v) {
    if (v == null) {
      return null;
    }
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 0) {
      return Duration.ofSeconds(((Number) v).longValue());
    }
    throw new IllegalArgumentException(
        file + ": '" + key + "' must be a whole number of seconds (0: only on demand)");
  }
}
