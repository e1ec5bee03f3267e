package dev.flotilla.catalog.source;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What a source holds at one moment: its files by relative path, the commit it was read at (Git
 * only), and how to tell when a set of files last changed. Valid only inside {@link Source#read}.
 */
public interface Snapshot {

  Map<String, SourceFile> files();

  /** The commit id the files were read at; empty for a folder. */
  Optional<String> revision();

  /** The newest change among {@code paths}; empty when none of them has a known time. */
  Optional<LastChange> lastChange(Collection<String> paths);

  /** Problems met while reading that belong to no file (caps reached, a skipped link). */
  java.util.List<String> warnings();
}
