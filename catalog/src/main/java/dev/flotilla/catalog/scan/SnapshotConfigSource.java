package dev.flotilla.catalog.scan;

import dev.flotilla.catalog.source.SourceFile;
import dev.flotilla.fluentconfig.load.ConfigSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loader's view of a snapshot: files under a virtual {@link #ROOT}. A path that leaves the root
 * (an absolute include, {@code ..} past the top) reads as missing, so includes never reach beyond
 * the source.
 */
final class SnapshotConfigSource implements ConfigSource {
  static final Path ROOT = Path.of("/catalog-source");

  private final Map<String, SourceFile> files;

  SnapshotConfigSource(Map<String, SourceFile> files) {
    this.files = files;
  }

  static Path pathOf(String relative) {
    return ROOT.resolve(relative);
  }

  /** The source-relative path, or null when {@code p} is outside the source. */
  static String relative(Path p) {
    Path n = ROOT.resolve(p).normalize();
    if (!n.startsWith(ROOT) || n.equals(ROOT)) {
      return null;
    }
    return ROOT.relativize(n).toString().replace('\\', '/');
  }

  @Override
  public Optional<String> read(Path path) {
    String rel = relative(path);
    SourceFile f = rel == null ? null : files.get(rel);
    return f == null ? Optional.empty() : f.text();
  }

  @Override
  public List<Path> glob(Path dir, String pattern) {
    String relDir = ROOT.resolve(dir).normalize().equals(ROOT) ? "" : relative(dir);
    if (relDir == null) {
      return List.of();
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    String prefix = relDir.isEmpty() ? "" : relDir + "/";
    return files.keySet().stream()
        .filter(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0)
        .filter(k -> m.matches(Path.of(k.substring(prefix.length()))))
        .sorted()
        .map(SnapshotConfigSource::pathOf)
        .toList();
  }
}
