package dev.flotilla.fluentconfig;

/**
 * Something a linter, loader or converter reports. {@code code} is stable (profiles refer to it);
 * {@code path} points into the document the way {@link dev.flotilla.fluentconfig.model.ConfigTree}
 * paths do, e.g. {@code /pipeline/outputs/0/match}.
 */
public record Finding(
    Severity severity, String code, String message, Location location, String path) {

  public Finding withSeverity(Severity s) {
    return new Finding(s, code, message, location, path);
  }

  @Override
  public String toString() {
    return location + ": " + severity.label() + " [" + code + "] " + message;
  }
}
