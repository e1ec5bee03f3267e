package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.match.BoundedRegex;
import dev.flotilla.fluentconfig.match.TagGlob;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tag matching as the engines do it, in linear time ({@link TagGlob}) for globs and with a step
 * budget ({@link BoundedRegex}) for regular expressions. Compiled patterns are cached, so one
 * instance serves one lint run or one view; it is not thread-safe.
 */
public final class TagPatterns {
  private final Map<String, TagGlob> globs = new HashMap<>();
  private final Map<String, Optional<BoundedRegex>> regexes = new HashMap<>();

  /** Fluent Bit: {@code *} matches any run of characters, dots included. */
  public boolean fluentBitMatches(String pattern, String tag) {
    return globs.computeIfAbsent("b:" + pattern, k -> TagGlob.fluentBit(pattern)).matches(tag);
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
      if (!p.isEmpty() && globs.computeIfAbsent("d:" + p, k -> TagGlob.fluentd(p)).matches(tag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fluent Bit {@code Match_Regex}: whether the regex finds a match in the tag. Empty when the
   * regex is invalid or too complex to decide within the budget.
   */
  public Optional<Boolean> fluentBitRegexFinds(String regex, String tag) {
    Optional<BoundedRegex> r = regexes.computeIfAbsent(regex, BoundedRegex::compile);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    BoundedRegex.Outcome o = r.get().find(tag);
    return o == BoundedRegex.Outcome.TOO_COMPLEX ? Optional.empty() : Optional.of(o.matched());
  }
}
