package dev.flotilla.catalog.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A Git repository read at the head of one branch, from its objects (never a work tree, so
 * uncommitted edits do not show). {@code url} is either a local repository folder, read in place,
 * or a clone URL, cloned bare into {@code cacheDir} once and fetched on every refresh. Symbolic
 * links and submodules in the tree are skipped.
 *
 * @param branch null for the repository's HEAD
 */
public record GitSource(
    String name, String url, String branch, Globs globs, Duration refresh, Path cacheDir)
    implements Source {

  @Override
  public String kind() {
    return "git";
  }

  @Override
  public String location() {
    return url;
  }

  @Override
  public <T> T read(Limits limits, Function<Snapshot, T> use) throws IOException {
    try (Repository repo = open()) {
      ObjectId head = repo.resolve(ref());
      if (head == null) {
        throw new IOException("git " + url + ": no branch " + (branch == null ? "HEAD" : branch));
      }
      Map<String, SourceFile> files = new TreeMap<>();
      List<String> warnings = new ArrayList<>();
      RevCommit commit;
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tree = new TreeWalk(repo)) {
        commit = walk.parseCommit(head);
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          FileMode mode = tree.getFileMode(0);
          if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
            continue;
          }
          if (files.size() >= limits.maxFiles()) {
            warnings.add("more than " + limits.maxFiles() + " files: the rest are not read");
            break;
          }
          String path = tree.getPathString();
          ObjectLoader blob = repo.open(tree.getObjectId(0), Constants.OBJ_BLOB);
          long size = blob.getSize();
          files.put(
              path,
              size > limits.maxFileBytes()
                  ? Texts.tooLarge(path, size, limits, null)
                  : Texts.decode(path, blob.getBytes(), null));
        }
      }
      Map<String, SourceFile> read = java.util.Collections.unmodifiableMap(files);
      String revision = commit.getName();
      return use.apply(
          new Snapshot() {
            @Override
            public Map<String, SourceFile> files() {
              return read;
            }

            @Override
            public Optional<String> revision() {
              return Optional.of(revision);
            }

            @Override
            public Optional<LastChange> lastChange(Collection<String> paths) {
              return GitSource.lastChange(repo, head, paths);
            }

            @Override
            public List<String> warnings() {
              return List.copyOf(warnings);
            }
          });
    }
  }

  private static Optional<LastChange> lastChange(
      Repository repo, ObjectId head, Collection<String> paths) {
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    try (Git git = new Git(repo)) {
      var log = git.log().add(head).setMaxCount(1);
      paths.forEach(log::addPath);
      for (RevCommit c : log.call()) {
        return Optional.of(
            new LastChange(
                c.getAuthorIdent().getWhenAsInstant(),
                c.getName(),
                c.getAuthorIdent().getName(),
                c.getShortMessage()));
      }
      return Optional.empty();
    } catch (GitAPIException | IOException e) {
      return Optional.empty();
    }
  }

  private String ref() {
    return branch == null || branch.isBlank() ? Constants.HEAD : Constants.R_HEADS + branch;
  }

  private Repository open() throws IOException {
    Path local = localPath();
    if (local != null) {
      FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
      Path dotGit = local.resolve(Constants.DOT_GIT);
      return (Files.isDirectory(dotGit)
              ? b.setGitDir(dotGit.toFile())
              : b.setGitDir(local.toFile()))
          .build();
    }
    Path clone = cacheDir.resolve(cacheName());
    try {
      if (Files.isDirectory(clone)) {
        Repository repo = new FileRepositoryBuilder().setGitDir(clone.toFile()).build();
        try (Git git = new Git(repo)) {
          git.fetch()
              .setRemote("origin")
              .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
              .setRemoveDeletedRefs(true)
              .call();
        } catch (GitAPIException | RuntimeException e) {
          repo.close();
          throw e;
        }
        return repo;
      }
      Files.createDirectories(cacheDir);
      var clone1 = Git.cloneRepository().setURI(url).setBare(true).setGitDir(clone.toFile());
      if (branch != null && !branch.isBlank()) {
        clone1.setBranch(branch);
      }
      clone1.call().close();
      return new FileRepositoryBuilder().setGitDir(clone.toFile()).build();
    } catch (GitAPIException e) {
      throw new IOException("git " + url + ": " + e.getMessage(), e);
    }
  }

  /** A folder given as a plain path (not a URL); null for a clone URL. */
  private Path localPath() {
    if (url.contains("://") || url.matches("^[^/\\\\]+@[^:]+:.*")) {
      return null;
    }
    Path p = Path.of(url);
    return Files.isDirectory(p) ? p : null;
  }

  private String cacheName() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8) + ".git";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
