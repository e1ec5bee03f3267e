package dev.flotilla.catalog.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A folder read recursively. Hidden files and folders (a leading dot, {@code .git} among them) are
 * skipped. Links are never followed out of the folder: a link whose target lies outside is listed
 * with an error and no text; a link to a folder is not descended into.
 */
public record FolderSource(String name, Path root, Globs globs, Duration refresh)
    implements Source {

  @Override
  public String kind() {
    return "folder";
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public String branch() {
    return null;
  }

  @Override
  public <T> T read(Limits limits, Function<Snapshot, T> use) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("catalog folder " + root + " is not a folder");
    }
    Path real = root.toRealPath();
    Map<String, SourceFile> files = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    Files.walkFileTree(
        real,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(real) && hidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (hidden(file)) {
              return FileVisitResult.CONTINUE;
            }
            if (files.size() >= limits.maxFiles()) {
              warnings.add("more than " + limits.maxFiles() + " files: the rest are not read");
              return FileVisitResult.TERMINATE;
            }
            String rel = real.relativize(file).toString().replace('\\', '/');
            Instant modified = attrs.lastModifiedTime().toInstant();
            if (attrs.isSymbolicLink()) {
              Optional<SourceFile> linked = link(rel, file, modified);
              linked.ifPresent(f -> files.put(rel, f));
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
              files.put(rel, regular(rel, file, attrs.size(), modified));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            String rel = real.relativize(file).toString().replace('\\', '/');
            files.put(rel, SourceFile.failed(rel, "unreadable: " + e.getMessage(), 0, null));
            return FileVisitResult.CONTINUE;
          }

          private Optional<SourceFile> link(String rel, Path file, Instant modified) {
            Path target;
            try {
              target = file.toRealPath();
            } catch (IOException e) {
              return Optional.of(SourceFile.failed(rel, "broken link", 0, modified));
            }
            if (!target.startsWith(real)) {
              return Optional.of(
                  SourceFile.failed(rel, "link to a file outside the catalog source", 0, modified));
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
              return Optional.empty();
            }
            try {
              return Optional.of(regular(rel, target, Files.size(target), modified));
            } catch (IOException e) {
              return Optional.of(
                  SourceFile.failed(rel, "unreadable: " + e.getMessage(), 0, modified));
            }
          }

          private SourceFile regular(String rel, Path file, long size, Instant modified) {
            if (size > limits.maxFileBytes()) {
              return Texts.tooLarge(rel, size, limits, modified);
            }
            try {
              return Texts.decode(rel, Files.readAllBytes(file), modified);
            } catch (IOException e) {
              return SourceFile.failed(rel, "unreadable: " + e.getMessage(), size, modified);
            }
          }
        });
    Map<String, SourceFile> read = java.util.Collections.unmodifiableMap(files);
    return use.apply(
        new Snapshot() {
          @Override
          public Map<String, SourceFile> files() {
            return read;
          }

          @Override
          public Optional<String> revision() {
            return Optional.empty();
          }

          @Override
          public Optional<LastChange> lastChange(Collection<String> paths) {
            return paths.stream()
                .map(read::get)
                .filter(java.util.Objects::nonNull)
                .flatMap(f -> f.modified().stream())
                .max(Instant::compareTo)
                .map(LastChange::at);
          }

          @Override
          public List<String> warnings() {
            return List.copyOf(warnings);
          }
        });
  }

  private static boolean hidden(Path p) {
    Path n = p.getFileName();
    return n != null && n.toString().startsWith(".");
  }
}
