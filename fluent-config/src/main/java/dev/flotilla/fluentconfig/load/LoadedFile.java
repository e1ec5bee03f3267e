package dev.flotilla.fluentconfig.load;

import dev.flotilla.fluentconfig.ConfigDocument;
import java.nio.file.Path;

/** A file the loader read, and why: the main file, an include, a parsers file or an upstream. */
public record LoadedFile(Path path, Role role, ConfigDocument document) {

  public enum Role {
    MAIN,
    INCLUDE,
    PARSERS,
    UPSTREAM
  }
}
