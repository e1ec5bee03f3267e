package dev.flotilla.fluentconfig;

/** How much a finding matters; {@link #ERROR} findings make {@code config lint} exit 1. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
