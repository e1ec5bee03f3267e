package dev.flotilla.catalog;

import java.util.Map;

/**
 * What a catalog entry holds, ready to become a config version: {@code files} maps each file's name
 * (relative to the main file's folder, main file first) to its text, the same shape as a remote
 * config's files.
 */
public record Bundle(CatalogEntry entry, Map<String, String> files) {

  public Bundle {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
  }

  /** The main file's name, the first key of {@link #files}. */
  public String main() {
    return entry.files().isEmpty() ? entry.path() : entry.files().get(0).name();
  }
}
