package dev.flotilla.fluentconfig.model;

import dev.flotilla.fluentconfig.Location;

/**
 * One {@code key value} entry. {@code structured} marks YAML values that are maps or nested lists
 * (kept as their source text in {@code value}).
 */
public record Property(
    String key, String value, Location location, String path, boolean structured) {

  public Property(String key, String value, Location location, String path) {
    this(key, value, location, path, false);
  }

  public boolean is(String name) {
    return key.equalsIgnoreCase(name);
  }
}
