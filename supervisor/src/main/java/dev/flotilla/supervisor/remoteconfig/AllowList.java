package dev.flotilla.supervisor.remoteconfig;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The local list of paths remote config may write, as globs ({@code /etc/fluent-bit/**}, {@code
 * conf.d/*.conf}); relative globs are taken against the agent's config folder. Paths are normalized
 * first, so {@code ../} cannot escape.
 */
public final class AllowList {

  private final List<String> globs;
  private final List<PathMatcher> matchers;

  public AllowList(Path configDir, List<String> globs) {
    Path base = configDir.toAbsolutePath().normalize();
    this.globs = List.copyOf(globs);
    this.matchers =
        globs.stream()
            .map(g -> Path.of(g).isAbsolute() ? g : base.resolve(g).toString())
            .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
            .toList();
  }

  /** Everything below the config folder: the default when none is configured. */
  public static AllowList configDir(Path configDir) {
    return new AllowList(configDir, List.of("**"));
  }

  public boolean allows(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return matchers.stream().anyMatch(m -> m.matches(p));
  }

  @Override
  public String toString() {
    return String.join(", ", globs);
  }
}
