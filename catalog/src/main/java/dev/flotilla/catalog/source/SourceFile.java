package dev.flotilla.catalog.source;

import java.time.Instant;
import java.util.Optional;

/**
 * One file a source holds, by its path relative to the source root ({@code /}-separated).
 *
 * @param text the content when it could be read as UTF-8 text within the size cap
 * @param error why it could not (too large, not UTF-8, a link out of the source, unreadable)
 * @param size bytes on disk or in the commit
 * @param modified the file's time for a folder; empty in a Git tree (commits carry the time)
 */
public record SourceFile(
    String path,
    Optional<String> text,
    Optional<String> error,
    long size,
    Optional<Instant> modified) {

  public static SourceFile text(String path, String text, long size, Instant modified) {
    return new SourceFile(
        path, Optional.of(text), Optional.empty(), size, Optional.ofNullable(modified));
  }

  public static SourceFile failed(String path, String error, long size, Instant modified) {
    return new SourceFile(
        path, Optional.empty(), Optional.of(error), size, Optional.ofNullable(modified));
  }
}
