package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers a validation rule from an option's type, default and prose description. Enumerations are
 * only taken from prose when a cue word introduces the list or the default is one of its words, so
 * that a description listing examples does not become a constraint.
 */
public final class RuleInference {
  private static final String WORD = "['\"`]?([A-Za-z0-9_][A-Za-z0-9_.\\-]*)['\"`]?";
  private static final Pattern LIST =
      Pattern.compile(
          "(?<items>" + WORD + "(?:\\s*,\\s*" + WORD + ")*,?\\s+(?:or|and)\\s+" + WORD + ")");
  private static final Pattern ITEM = Pattern.compile(WORD);
  private static final Pattern QUOTED_LIST =
      Pattern.compile("(['\"`][^'\"`]+['\"`][\\s,]*(or|and)?\\s*)+");
  private static final Pattern GLUED = Pattern.compile("([a-z0-9_]+)([A-Z][a-z]+)");
  private static final Pattern CUE =
      Pattern.compile(
          "(one of|values?|options?\\w*|allowed|accepted|supported|valid|possible|modes?|formats?|types?|either)\\s*(are|is)?\\s*:?\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RETRY = Pattern.compile("(?i)\\d+|no_limits|false|off|no_retries");

  private RuleInference() {}

  public static Rule infer(String name, String type, String defaultValue, String description) {
    String t = type == null ? "" : type;
    switch (t) {
      case "boolean":
        return new Rule.Bool();
      case "size":
        return new Rule.Size();
      case "time":
        return new Rule.Duration();
      case "integer":
        return new Rule.Range(true, null, null);
      case "double":
        return new Rule.Range(false, null, null);
      default:
        break;
    }
    if (name != null && name.equalsIgnoreCase("retry_limit")) {
      return new Rule.Regex(
          RETRY.pattern(), "expects a positive integer, no_limits, false, off or no_retries");
    }
    if (!t.equals("string") || description == null) {
      return null;
    }
    List<String> values = enumeration(description, defaultValue);
    return values.size() >= 2 ? new Rule.Choice(values, true) : null;
  }

  /** Words of a prose list such as "json, json_stream, json_lines, gelf or msgpack". */
  static List<String> enumeration(String description, String defaultValue) {
    Matcher m = LIST.matcher(description);
    while (m.find()) {
      String before = description.substring(0, m.start("items"));
      if (before
          .toLowerCase(Locale.ROOT)
          .matches("(?s).*\\b(e\\.g\\.|eg|example|such as|like)\\W*\\S*\\s*$")) {
        continue;
      }
      List<String> items = new ArrayList<>();
      Matcher w = ITEM.matcher(m.group("items"));
      while (w.find()) {
        String word = w.group(1);
        if (!word.equals("or") && !word.equals("and")) {
          items.add(trim(word));
        }
      }
      boolean cued = CUE.matcher(before).find();
      boolean defaultListed =
          defaultValue != null && items.stream().anyMatch(i -> i.equalsIgnoreCase(defaultValue));
      // Without a cue, two bare words ("matched or not") are too weak a signal.
      boolean strong = items.size() >= 3 || QUOTED_LIST.matcher(m.group("items")).matches();
      if (items.size() >= 2 && (cued || (defaultListed && strong))) {
        if (defaultValue != null
            && !defaultValue.isEmpty()
            && items.stream().noneMatch(i -> i.equalsIgnoreCase(defaultValue))) {
          continue;
        }
        return items;
      }
    }
    return List.of();
  }

  /**
   * Drops a trailing period, and the start of a next sentence glued on by joined C string literals
   * with no space between them ({@code eksThis} → {@code eks}).
   */
  private static String trim(String word) {
    String w = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
    Matcher glued = GLUED.matcher(w);
    return glued.matches() ? glued.group(1) : w;
  }
}
