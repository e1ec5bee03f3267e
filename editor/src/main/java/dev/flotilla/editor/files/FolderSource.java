package dev.flotilla.editor.files;

import dev.flotilla.fluentconfig.load.ConfigSource;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Includes read from the folder; anything outside it reads as missing. */
final class FolderSource implements ConfigSource {
  private final Folder folder;
  private final FileSystemSource files = new FileSystemSource();

  FolderSource(Folder folder) {
    this.folder = folder;
  }

  @Override
  public Optional<String> read(Path path) throws IOException {
    return folder.inside(path) ? files.read(path) : Optional.empty();
  }

  @Override
  public List<Path> glob(Path dir, String pattern) throws IOException {
    return folder.inside(dir) ? files.glob(dir, pattern) : List.of();
  }
}
