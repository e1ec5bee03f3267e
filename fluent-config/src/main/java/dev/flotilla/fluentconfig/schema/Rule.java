package dev.flotilla.fluentconfig.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a value must look like. {@link #violation} says why a value breaks the rule, if it does. */
public sealed interface Rule {

  /** No violation when {@code valid}, else {@code message}. */
  private static Optional<String> unless(boolean valid, String message) {
    return valid ? Optional.empty() : Optional.of(message);
  }

  /** A short name used in schema documents: regex, range, size, duration, enum, boolean. */
  String kind();

  Optional<String> violation(String value);

  /** A full-match regular expression. */
  record Regex(String pattern, String hint) implements Rule {
    @Override
    public String kind() {
      return "regex";
    }

    /** Run with a step budget: an overlay's regex must not be able to hang a lint run. */
    @Override
    public Optional<String> violation(String value) {
      var compiled = dev.flotilla.fluentconfig.match.BoundedRegex.compile(pattern);
      if (compiled.isEmpty()) {
        return Optional.of("the schema's rule " + pattern + " is not a valid regular expression");
      }
      return switch (compiled.get().matches(value)) {
        case MATCH -> Optional.empty();
        case TOO_COMPLEX -> Optional.of("too complex to check against " + pattern);
        case NO_MATCH ->
            Optional.of(hint == null || hint.isEmpty() ? "does not match " + pattern : hint);
      };
    }
  }

  /** A number, optionally an integer, optionally bounded (inclusive). */
  record Range(boolean integer, Double min, Double max) implements Rule {
    private static final java.util.regex.Pattern INT = java.util.regex.Pattern.compile("[+-]?\\d+");
    private static final java.util.regex.Pattern NUM =
        java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Override
    public String kind() {
      return "range";
    }

    @Override
    public Optional<String> violation(String value) {
      String v = value.strip();
      if (!(integer ? INT : NUM).matcher(v).matches()) {
        return Optional.of("expects " + (integer ? "an integer" : "a number"));
      }
      double d = Double.parseDouble(v);
      if (min != null && d < min) {
        return Optional.of("must be at least " + format(min));
      }
      if (max != null && d > max) {
        return Optional.of("must be at most " + format(max));
      }
      return Optional.empty();
    }

    private static String format(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }

  /** Bytes with an optional K, M or G suffix and an optional trailing B (Fluent Bit sizes). */
  record Size() implements Rule {
    private static final java.util.regex.Pattern SIZE =
        java.util.regex.Pattern.compile("\\d+(\\.\\d+)?\\s*([kKmMgGtT][bB]?|[bB])?");

    @Override
    public String kind() {
      return "size";
    }

    @Override
    public Optional<String> violation(String value) {
      return unless(SIZE.matcher(value.strip()).matches(), "expects a size such as 512K, 5M or 1G");
    }
  }

  /** Seconds with an optional s, m, h or d suffix. */
  record Duration() implements Rule {
    private static final java.util.regex.Pattern TIME =
        java.util.regex.Pattern.compile("\\d+(\\.\\d+)?\\s*([sSmMhHdD]|ms)?");

    @Override
    public String kind() {
      return "duration";
    }

    @Override
    public Optional<String> violation(String value) {
      return unless(
          TIME.matcher(value.strip()).matches(),
          "expects a duration such as 10, 30s, 5m, 1h or 1d");
    }
  }

  /**
   * One of a list of words, compared case-insensitively. {@code inferred} marks lists read from
   * prose descriptions, which a linter reports less severely.
   */
  record Choice(List<String> values, boolean inferred) implements Rule {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public String kind() {
      return "enum";
    }

    @Override
    public Optional<String> violation(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (String allowed : values) {
        if (allowed.toLowerCase(Locale.ROOT).equals(v)) {
          return Optional.empty();
        }
      }
      return Optional.of("expects one of " + String.join(", ", values));
    }
  }

  /** true/on/yes or false/off/no, case-insensitively. */
  record Bool() implements Rule {
    private static final List<String> WORDS = List.of("true", "on", "yes", "false", "off", "no");

    @Override
    public String kind() {
      return "boolean";
    }

    @Override
    public Optional<String> violation(String value) {
      return unless(
          WORDS.contains(value.strip().toLowerCase(Locale.ROOT)),
          "expects on/off, true/false or yes/no");
    }
  }
}
