package dev.flotilla.fluentconfig.classic;

/** One physical line of a classic file; {@code raw} includes its line terminator. */
public sealed interface ClassicLine {

  String raw();

  /** 1-based line number. */
  int number();

  record Blank(String raw, int number) implements ClassicLine {}

  record Comment(String raw, int number) implements ClassicLine {}

  /** {@code [NAME]}; an indented header opens a group inside the current section. */
  record Header(String raw, int number, String name, boolean group) implements ClassicLine {}

  /**
   * {@code Key Value}. {@code valueStart} and {@code valueEnd} are offsets into {@code raw}, so an
   * edit can replace the value and keep the spacing around it.
   */
  record Entry(String raw, int number, String key, String value, int valueStart, int valueEnd)
      implements ClassicLine {
    public int keyColumn() {
      return raw.indexOf(key) + 1;
    }
  }

  record Include(String raw, int number, String path) implements ClassicLine {}

  record SetVariable(String raw, int number, String name, String value) implements ClassicLine {}
}
