package dev.flotilla.fluentconfig.model;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fluent Bit's {@code ${NAME}} and {@code ${NAME:-default}} variables. Config-defined variables
 * ({@code @SET}, YAML {@code env}) win over the process environment; an unset variable expands to
 * the empty string.
 */
public final class Variables {
  private static final Pattern VAR =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?}");

  private Variables() {}

  public static String expand(
      String value, Map<String, String> defined, Function<String, String> environment) {
    Matcher m = VAR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = defined.get(m.group(1));
      if (v == null) {
        v = environment.apply(m.group(1));
      }
      if ((v == null || v.isEmpty()) && m.group(2) != null) {
        v = m.group(2);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Names used in a value, in order, without those that carry a default. */
  public static Set<String> referenced(String value) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VAR.matcher(value);
    while (m.find()) {
      if (m.group(2) == null) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
