package dev.flotilla.fluentconfig;

/**
 * The one error shape of this library: something could not be read, and where. Parsers throw
 * nothing else for bad input.
 */
public final class ConfigParseException extends RuntimeException {
  private final transient Location location;
  private final String reason;

  public ConfigParseException(Location location, String reason) {
    super(location + ": " + reason);
    this.location = location;
    this.reason = reason;
  }

  public ConfigParseException(Location location, String reason, Throwable cause) {
    super(location + ": " + reason, cause);
    this.location = location;
    this.reason = reason;
  }

  public Location location() {
    return location;
  }

  /** The message without the location prefix. */
  public String reason() {
    return reason;
  }
}
