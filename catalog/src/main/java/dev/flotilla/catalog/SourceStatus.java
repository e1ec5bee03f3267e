package dev.flotilla.catalog;

import java.time.Instant;
import java.util.List;

/**
 * How a source fared at its last read.
 *
 * @param revision commit read (Git); null for a folder
 * @param refreshedAt when it was last read; null before the first read
 * @param error why the last read failed (the entries of the read before it are kept); null when it
 *     worked
 */
public record SourceStatus(
    String name,
    String kind,
    String location,
    String branch,
    String revision,
    Instant refreshedAt,
    int entries,
    String error,
    List<String> warnings) {

  public SourceStatus {
    warnings = List.copyOf(warnings);
  }
}
