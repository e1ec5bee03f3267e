package dev.flotilla.supervisor.remoteconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Writes config files atomically (temp file in the same folder, then rename) and restores them. */
public final class ConfigWriter {

  private ConfigWriter() {}

  /** The current content of each path; empty for files that do not exist. */
  public static Map<Path, Optional<byte[]>> snapshot(Iterable<Path> paths) throws IOException {
    Map<Path, Optional<byte[]>> out = new LinkedHashMap<>();
    for (Path p : paths) {
      out.put(p, Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty());
    }
    return out;
  }

  public static void writeAll(Map<Path, byte[]> files) throws IOException {
    for (var e : files.entrySet()) {
      write(e.getKey(), e.getValue());
    }
  }

  /** Puts a snapshot back: rewrites files that existed and deletes those that did not. */
  public static void restore(Map<Path, Optional<byte[]>> snapshot) throws IOException {
    for (var e : snapshot.entrySet()) {
      if (e.getValue().isPresent()) {
        write(e.getKey(), e.getValue().get());
      } else {
        Files.deleteIfExists(e.getKey());
      }
    }
  }

  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
