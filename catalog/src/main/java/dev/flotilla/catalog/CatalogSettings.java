package dev.flotilla.catalog;

import dev.flotilla.catalog.source.FolderSource;
import dev.flotilla.catalog.source.GitSource;
import dev.flotilla.catalog.source.Globs;
import dev.flotilla.catalog.source.Limits;
import dev.flotilla.catalog.source.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the catalog reads from, as configured ({@code catalog:} in the server's YAML, or flags).
 *
 * @param folders folders read recursively
 * @param repositories Git repositories read at the head of a branch
 * @param limits caps on file size and count per source
 */
public record CatalogSettings(List<Folder> folders, List<Repository> repositories, Limits limits) {
  public static final Duration DEFAULT_FOLDER_REFRESH = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GIT_REFRESH = Duration.ofMinutes(5);

  public CatalogSettings {
    folders = List.copyOf(folders);
    repositories = List.copyOf(repositories);
    limits = limits == null ? Limits.DEFAULT : limits;
  }

  /**
   * A folder. {@code include}/{@code exclude}: see {@link Globs}; {@code refresh} zero reads it
   * only on demand.
   */
  public record Folder(Path dir, List<String> include, List<String> exclude, Duration refresh) {
    public Folder(Path dir) {
      this(dir, List.of(), List.of(), DEFAULT_FOLDER_REFRESH);
    }
  }

  /** A repository: a local repository folder or a clone URL, and a branch (null: its HEAD). */
  public record Repository(
      String url, String branch, List<String> include, List<String> exclude, Duration refresh) {
    public Repository(String url, String branch) {
      this(url, branch, List.of(), List.of(), DEFAULT_GIT_REFRESH);
    }
  }

  public static CatalogSettings of(List<Folder> folders, List<Repository> repositories) {
    return new CatalogSettings(folders, repositories, Limits.DEFAULT);
  }

  public boolean isEmpty() {
    return folders.isEmpty() && repositories.isEmpty();
  }

  public CatalogSettings withFolder(Folder f) {
    List<Folder> all = new ArrayList<>(folders);
    all.add(f);
    return new CatalogSettings(all, repositories, limits);
  }

  public CatalogSettings withRepository(Repository r) {
    List<Repository> all = new ArrayList<>(repositories);
    all.add(r);
    return new CatalogSettings(folders, all, limits);
  }

  /**
   * The sources, each with a unique name (a folder's name, a repository's name and branch).
   *
   * @param cacheDir where clones of repository URLs are kept
   * @throws IllegalArgumentException for a bad glob or a folder that does not exist
   */
  public List<Source> sources(Path cacheDir) {
    Set<String> names = new HashSet<>();
    List<Source> out = new ArrayList<>();
    for (Folder f : folders) {
      if (!java.nio.file.Files.isDirectory(f.dir())) {
        throw new IllegalArgumentException("catalog folder " + f.dir() + " is not a folder");
      }
      Path n = f.dir().toAbsolutePath().normalize().getFileName();
      out.add(
          new FolderSource(
              unique(names, n == null ? "folder" : n.toString()),
              f.dir(),
              new Globs(f.include(), f.exclude()),
              refresh(f.refresh(), DEFAULT_FOLDER_REFRESH)));
    }
    for (Repository r : repositories) {
      if (r.url() == null || r.url().isBlank()) {
        throw new IllegalArgumentException("catalog git: url must not be empty");
      }
      String base = r.url().replaceAll("[/\\\\]+$", "");
      base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf(':')) + 1);
      base = base.endsWith(".git") ? base.substring(0, base.length() - 4) : base;
      String name = base + (r.branch() == null || r.branch().isBlank() ? "" : "@" + r.branch());
      out.add(
          new GitSource(
              unique(names, name.isEmpty() ? "git" : name),
              r.url(),
              r.branch() == null || r.branch().isBlank() ? null : r.branch(),
              new Globs(r.include(), r.exclude()),
              refresh(r.refresh(), DEFAULT_GIT_REFRESH),
              cacheDir));
    }
    return out;
  }

  private static Duration refresh(Duration d, Duration fallback) {
    if (d == null) {
      return fallback;
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("catalog refresh must not be negative");
    }
    return d;
  }

  private static String unique(Set<String> names, String name) {
    String n = name;
    for (int i = 2; !names.add(n); i++) {
      n = name + "-" + i;
    }
    return n;
  }
}
