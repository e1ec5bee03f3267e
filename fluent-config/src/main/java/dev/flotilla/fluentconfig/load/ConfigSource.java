package dev.flotilla.fluentconfig.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where included files come from. The library reads only through this, so callers decide what it
 * may see (a directory, a catalog, an in-memory map in tests).
 */
public interface ConfigSource {

  /** The file's text, or empty when it does not exist. */
  Optional<String> read(Path path) throws IOException;

  /** Files in {@code dir} whose names match a glob such as {@code *.conf}, sorted. */
  List<Path> glob(Path dir, String pattern) throws IOException;
}
