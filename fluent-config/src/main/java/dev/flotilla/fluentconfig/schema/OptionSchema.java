package dev.flotilla.fluentconfig.schema;

import java.util.Locale;

/**
 * One option of a plugin or section. {@code type} is the engine's type string (for Fluent Bit the
 * {@code -J} type, e.g. {@code size} or {@code space delimited strings (minimum 1)}); {@code
 * defaultValue} is the raw default or null; {@code rule} may be null; {@code group} is where the
 * option comes from ({@code options}, {@code global_options}, {@code networking}, {@code
 * network_tls}, …). A {@code prefix} option matches any key that starts with its name.
 */
public record OptionSchema(
    String name,
    String type,
    String defaultValue,
    String description,
    boolean required,
    boolean repeatable,
    Rule rule,
    String group) {

  public boolean isPrefix() {
    return "prefixed string".equals(type);
  }

  public boolean matches(String key) {
    if (isPrefix()) {
      return key.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))
          && key.length() > name.length();
    }
    return name.equalsIgnoreCase(key);
  }

  public OptionSchema withRepeatable(boolean value) {
    return new OptionSchema(name, type, defaultValue, description, required, value, rule, group);
  }

  public OptionSchema withDefault(String value) {
    return new OptionSchema(name, type, value, description, required, repeatable, rule, group);
  }

  public OptionSchema withRequired(boolean value) {
    return new OptionSchema(name, type, defaultValue, description, value, repeatable, rule, group);
  }

  public OptionSchema withRule(Rule value) {
    return new OptionSchema(
        name, type, defaultValue, description, required, repeatable, value, group);
  }
}
