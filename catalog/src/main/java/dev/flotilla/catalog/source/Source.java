package dev.flotilla.catalog.source;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/** A place candidate config files come from: a folder or a Git repository. */
public sealed interface Source permits FolderSource, GitSource {

  /** Unique among the catalog's sources; shown in the catalog and part of entry ids. */
  String name();

  /** {@code folder} or {@code git}. */
  String kind();

  /** The folder or the repository, as configured (for display). */
  String location();

  /** Branch read, for Git; null for a folder. */
  String branch();

  Globs globs();

  /** How often the scheduler re-reads it; zero means only on demand. */
  Duration refresh();

  /**
   * Reads the source now and hands the result to {@code use}; the snapshot is valid only during the
   * call (a Git repository is open meanwhile).
   */
  <T> T read(Limits limits, Function<Snapshot, T> use) throws IOException;
}
