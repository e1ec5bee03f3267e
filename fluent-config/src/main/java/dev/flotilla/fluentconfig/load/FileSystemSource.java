package dev.flotilla.fluentconfig.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads config files from the local file system as UTF-8. */
public final class FileSystemSource implements ConfigSource {

  @Override
  public Optional<String> read(Path path) throws IOException {
    try {
      return Files.isRegularFile(path)
          ? Optional.of(Files.readString(path, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Path> glob(Path dir, String pattern) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern)) {
      for (Path p : s) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
