package dev.flotilla.catalog.source;

/**
 * Caps on what one source may make the catalog read: files larger than {@code maxFileBytes} are
 * listed with an error instead of their text; past {@code maxFiles} files the rest are skipped with
 * a warning.
 */
public record Limits(long maxFileBytes, int maxFiles) {
  public static final Limits DEFAULT = new Limits(1024 * 1024, 5000);

  public Limits {
    if (maxFileBytes < 1 || maxFiles < 1) {
      throw new IllegalArgumentException("catalog limits must be positive");
    }
  }
}
