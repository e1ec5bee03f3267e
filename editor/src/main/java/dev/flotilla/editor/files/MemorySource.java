package dev.flotilla.editor.files;

import dev.flotilla.fluentconfig.load.ConfigSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Includes read from the files that came with the document (an agent's other config files, say), by
 * path relative to the main file's directory. Anything else reads as missing.
 */
public final class MemorySource implements ConfigSource {
  private final Map<Path, String> files;

  public MemorySource(Path dir, Map<String, String> byName) {
    this.files = new java.util.HashMap<>();
    byName.forEach((name, text) -> files.put(dir.resolve(name).normalize(), text));
  }

  @Override
  public Optional<String> read(Path path) {
    return Optional.ofNullable(files.get(path.normalize()));
  }

  @Override
  public List<Path> glob(Path dir, String pattern) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    Path d = dir.normalize();
    return files.keySet().stream()
        .filter(p -> d.equals(p.getParent()) && m.matches(p.getFileName()))
        .sorted()
        .toList();
  }
}
