package dev.flotilla.fluentconfig.lint;

import java.util.regex.Pattern;

/**
 * Tag matching as the engines do it. Compiled patterns are cached, so one instance serves one lint
 * run or one view; it is not thread-safe.
 */
public final class TagPatterns {
  private final java.util.Map<String, Pattern> cache = new java.util.HashMap<>();

  /** Fluent Bit: {@code *} matches any run of characters, dots included. */
  public boolean fluentBitMatches(String pattern, String tag) {
    return cache
        .computeIfAbsent("b:" + pattern, k -> toRegex(pattern, false))
        .matcher(tag)
        .matches();
  }

  /**
   * Whether a Fluent Bit Match can select some tag an input emits. An input tag with {@code *}
   * (tail's {@code kube.*}) stands for many tags, so the wildcard is tried with a sample.
   */
  public boolean fluentBitSelects(String pattern, String inputTag) {
    if (!inputTag.contains("*")) {
      return fluentBitMatches(pattern, inputTag);
    }
    String prefix = inputTag.substring(0, inputTag.indexOf('*'));
    if (fluentBitMatches(pattern, inputTag.replace("*", "var.log.sample.log"))) {
      return true;
    }
    String patternPrefix =
        pattern.contains("*") ? pattern.substring(0, pattern.indexOf('*')) : pattern;
    return patternPrefix.startsWith(prefix);
  }

  /** Fluentd: {@code *} is one tag part, {@code **} zero or more parts, {@code {a,b}} either. */
  public boolean fluentdMatches(String patterns, String tag) {
    for (String p : patterns.trim().split("\\s+")) {
      if (!p.isEmpty()
          && cache.computeIfAbsent("d:" + p, k -> toRegex(p, true)).matcher(tag).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern toRegex(String pattern, boolean fluentd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (fluentd && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          boolean dotAfter = i + 2 < pattern.length() && pattern.charAt(i + 2) == '.';
          sb.append(dotAfter ? "(?:.*\\.)?" : ".*");
          i += dotAfter ? 2 : 1;
        } else {
          sb.append(fluentd ? "[^.]*" : ".*");
        }
      } else if (fluentd && c == '{') {
        int end = pattern.indexOf('}', i);
        if (end < 0) {
          sb.append("\\{");
          continue;
        }
        sb.append("(?:");
        String[] alts = pattern.substring(i + 1, end).split(",", -1);
        for (int a = 0; a < alts.length; a++) {
          sb.append(a > 0 ? "|" : "").append(Pattern.quote(alts[a]));
        }
        sb.append(")");
        i = end;
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString());
  }
}
