package dev.flotilla.supervisor.config;

/** A configuration error; the message starts with the offending key, e.g. {@code agent.type}. */
public final class ConfigException extends IllegalArgumentException {

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
