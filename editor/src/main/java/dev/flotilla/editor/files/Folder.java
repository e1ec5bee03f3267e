package dev.flotilla.editor.files;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.load.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder the editor opens files from and saves them to. Every path is relative to it and must
 * stay inside it (no {@code ..}, no absolute paths, no symbolic link leading out). Writes are
 * atomic: a failed write (a full disk, say) leaves the old file as it was.
 */
public final class Folder {
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
  private static final int MAX_FILES = 5000;
  private static final int MAX_DEPTH = 8;

  /** A config file in the folder; {@code modified} is the file's last modification time. */
  public record Entry(String path, long size, Instant modified, String format) {}

  private final Path root;

  public Folder(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open folder " + root + ": " + e.getMessage(), e);
    }
    if (!Files.isDirectory(this.root)) {
      throw new IllegalArgumentException(root + " is not a folder");
    }
  }

  public Path root() {
    return root;
  }

  public String name() {
    return root.getFileName() == null ? root.toString() : root.getFileName().toString();
  }

  /**
   * Config files ({@code .conf}, {@code .cfg}, {@code .yaml}, {@code .yml}), sorted by path:
   * regular files only (no pipes or devices, which would block a read), and none reached through a
   * link that leads out of the folder.
   */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
      walk.filter(p -> isConfig(p) && !hidden(root.relativize(p)))
          .filter(Files::isRegularFile)
          .filter(this::inside)
          .sorted()
          .limit(MAX_FILES)
          .forEach(p -> entry(p).ifPresent(out::add));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new FleetException(Kind.UNAVAILABLE, "cannot list " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  public String read(String relative) {
    Path file = resolve(relative);
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new FleetException(Kind.BAD_REQUEST, relative + " is not a regular file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new FleetException(
            Kind.PAYLOAD_TOO_LARGE, relative + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new FleetException(Kind.NOT_FOUND, "no file " + relative + " in the folder");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new FleetException(Kind.BAD_REQUEST, relative + " is not UTF-8 text");
    } catch (IOException e) {
      throw new FleetException(Kind.UNAVAILABLE, "cannot read " + relative + ": " + e, e);
    }
  }

  /** Writes through a temporary file in the same directory, then renames it over the file. */
  public void write(String relative, String text) {
    Path file = resolve(relative);
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try (var channel =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new FleetException(
          Kind.UNAVAILABLE, "cannot write " + relative + " (the file is unchanged): " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the file
        }
      }
    }
  }

  /**
   * The file a relative path names.
   *
   * @throws FleetException BAD_REQUEST for a path that would leave the folder
   */
  public Path resolve(String relative) {
    if (relative == null || relative.isBlank()) {
      throw new FleetException(Kind.BAD_REQUEST, "a path inside the folder is required");
    }
    Path rel;
    try {
      rel = Path.of(relative.replace('\\', '/')).normalize();
    } catch (InvalidPathException e) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "'" + relative.replace("\0", "\\0") + "' is not a valid path: " + e.getReason());
    }
    if (rel.isAbsolute() || rel.startsWith("..") || rel.toString().isEmpty()) {
      throw new FleetException(Kind.BAD_REQUEST, "'" + relative + "' is not inside the folder");
    }
    Path file = root.resolve(rel);
    if (!inside(file)) {
      throw new FleetException(Kind.BAD_REQUEST, "'" + relative + "' leads out of the folder");
    }
    return file;
  }

  /** Whether {@code path}, after following links of the part that exists, stays in the folder. */
  public boolean inside(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      Path real = existing == null ? p : existing.toRealPath().resolve(existing.relativize(p));
      return real.normalize().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads includes only from inside the folder. */
  public ConfigSource source() {
    return new FolderSource(this);
  }

  public String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private Optional<Entry> entry(Path p) {
    try {
      String rel = relative(p);
      String text = Files.size(p) <= 64 * 1024 ? Files.readString(p) : "";
      return Optional.of(
          new Entry(
              rel,
              Files.size(p),
              Files.getLastModifiedTime(p).toInstant(),
              format(ConfigFormat.detect(rel, text))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The format's name in the editor's API: fluent-bit-classic, fluent-bit-yaml or fluentd. */
  public static String format(ConfigFormat f) {
    return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static boolean isConfig(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".conf") || n.endsWith(".cfg") || n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
