package dev.flotilla.fluentconfig.load;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import java.nio.file.Path;
import java.util.List;

/**
 * A main file and everything it pulls in, in load order, with the problems met while loading.
 * {@code incomplete} is true when some referenced file could not be read, so checks that need the
 * whole picture (undefined parsers, unmatched tags) should hold back.
 */
public record LoadedConfig(
    Path main,
    ConfigFormat format,
    List<LoadedFile> files,
    List<Finding> findings,
    boolean incomplete) {

  public LoadedConfig {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }
}
