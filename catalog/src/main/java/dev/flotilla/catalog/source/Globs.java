package dev.flotilla.catalog.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which files of a source are candidate main configs: those matching an {@code include} glob and no
 * {@code exclude} glob, on the path relative to the source root ({@code **}/{@code *} as in {@link
 * java.nio.file.FileSystem#getPathMatcher}). A pattern without {@code /} matches the file name at
 * any depth. Other files are still readable as includes.
 */
public record Globs(List<String> include, List<String> exclude) {
  public static final List<String> DEFAULT_INCLUDE = List.of("*.conf", "*.yaml", "*.yml");

  public Globs {
    include = include == null || include.isEmpty() ? DEFAULT_INCLUDE : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    for (String g : include) {
      matcher(g);
    }
    for (String g : exclude) {
      matcher(g);
    }
  }

  public static Globs defaults() {
    return new Globs(List.of(), List.of());
  }

  public boolean candidate(String relativePath) {
    return any(include, relativePath) && !any(exclude, relativePath);
  }

  private static boolean any(List<String> globs, String rel) {
    Path p = Path.of(rel);
    Path name = p.getFileName();
    for (String g : globs) {
      PathMatcher m = matcher(g);
      if (g.contains("/") ? m.matches(p) : name != null && m.matches(name)) {
        return true;
      }
    }
    return false;
  }

  private static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("catalog glob '" + glob + "': " + e.getMessage(), e);
    }
  }
}
