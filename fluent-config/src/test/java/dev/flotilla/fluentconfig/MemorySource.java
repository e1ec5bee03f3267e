package dev.flotilla.fluentconfig;

import dev.flotilla.fluentconfig.load.ConfigSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Config files held in memory, keyed by absolute path. */
public final class MemorySource implements ConfigSource {
  private final Map<Path, String> files = new LinkedHashMap<>();

  public MemorySource put(String path, String text) {
    files.put(Path.of(path).toAbsolutePath().normalize(), text);
    return this;
  }

  @Override
  public Optional<String> read(Path path) {
    return Optional.ofNullable(files.get(path.toAbsolutePath().normalize()));
  }

  @Override
  public List<Path> glob(Path dir, String pattern) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    List<Path> out = new ArrayList<>();
    for (Path p : files.keySet()) {
      if (p.getParent().equals(dir.toAbsolutePath().normalize()) && m.matches(p.getFileName())) {
        out.add(p);
      }
    }
    out.sort(null);
    return out;
  }
}
