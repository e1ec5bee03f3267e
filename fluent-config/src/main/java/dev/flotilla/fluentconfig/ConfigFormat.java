package dev.flotilla.fluentconfig;

import java.util.Locale;
import java.util.regex.Pattern;

/** The three configuration languages this library reads and writes. */
public enum ConfigFormat {
  FLUENT_BIT_CLASSIC,
  FLUENT_BIT_YAML,
  FLUENTD;

  private static final Pattern FLUENTD_HINT =
      Pattern.compile("(?m)^\\s*(<(source|match|filter|label|system|worker)[\\s>]|@type\\s)");
  private static final Pattern LOWER_INCLUDE = Pattern.compile("(?m)^@include\\s");
  private static final Pattern CLASSIC_SECTION = Pattern.compile("(?m)^\\s*\\[[A-Za-z_]+]");

  /**
   * Picks the format the way the engines do: YAML by extension; for anything else, Fluentd when the
   * text has Fluentd directives, otherwise Fluent Bit classic.
   */
  public static ConfigFormat detect(String fileName, String text) {
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return FLUENT_BIT_YAML;
    }
    if (text != null && FLUENTD_HINT.matcher(text).find()) {
      return FLUENTD;
    }
    // A file of only includes: Fluentd writes @include, Fluent Bit users mostly @INCLUDE.
    if (text != null
        && LOWER_INCLUDE.matcher(text).find()
        && !CLASSIC_SECTION.matcher(text).find()) {
      return FLUENTD;
    }
    return FLUENT_BIT_CLASSIC;
  }

  public boolean isFluentBit() {
    return this != FLUENTD;
  }
}
