package dev.flotilla.cli.configs;

/**
 * A config named on the command line as {@code NAME} or {@code NAME@VERSION}.
 *
 * @param version null when only the name was given (the newest version)
 */
public record ConfigRef(String name, Integer version) {

  /**
   * @throws IllegalArgumentException for an empty name or a version that is not a number >= 1
   */
  public static ConfigRef parse(String text) {
    int at = text.lastIndexOf('@');
    String name = at < 0 ? text : text.substring(0, at);
    if (name.isBlank()) {
      throw new IllegalArgumentException("expected NAME or NAME@VERSION, not '" + text + "'");
    }
    if (at < 0) {
      return new ConfigRef(name, null);
    }
    try {
      int version = Integer.parseInt(text.substring(at + 1));
      if (version >= 1) {
        return new ConfigRef(name, version);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected NAME@VERSION with a version number >= 1, not '" + text + "'");
  }

  @Override
  public String toString() {
    return version == null ? name : name + "@" + version;
  }
}
