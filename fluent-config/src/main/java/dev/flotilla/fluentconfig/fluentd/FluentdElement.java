package dev.flotilla.fluentconfig.fluentd;

/**
 * One logical element of a Fluentd file. {@code raw} is its exact source text, including the line
 * terminator; a parameter with a multi-line JSON or quoted value spans several physical lines.
 */
public sealed interface FluentdElement {

  String raw();

  /** 1-based line of the element's first character. */
  int line();

  record Blank(String raw, int line) implements FluentdElement {}

  record Comment(String raw, int line) implements FluentdElement {}

  /** {@code <name argument>}. */
  record Open(String raw, int line, String name, String argument) implements FluentdElement {}

  record Close(String raw, int line, String name) implements FluentdElement {}

  record Include(String raw, int line, String path) implements FluentdElement {}

  /**
   * {@code key value}; {@code value} is the value as written (quotes kept), {@code valueStart} and
   * {@code valueEnd} are offsets into {@code raw}.
   */
  record Param(
      String raw, int line, int column, String key, String value, int valueStart, int valueEnd)
      implements FluentdElement {

    /** The value as Fluentd reads it: quotes removed and escapes applied. */
    public String unquoted() {
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        return value.substring(1, value.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
      }
      return value;
    }
  }
}
