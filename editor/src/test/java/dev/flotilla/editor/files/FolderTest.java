package dev.flotilla.editor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.flotilla.fleet.FleetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The editor's folder lists and reads only regular files inside it. */
class FolderTest {
  @TempDir Path dir;
  @TempDir Path outside;

  @Test
  void filesReachedThroughALinkOutOfTheFolderAreNotListed() throws IOException {
    Files.writeString(dir.resolve("edge.conf"), "[INPUT]\n    Name cpu\n");
    Files.writeString(outside.resolve("secret.conf"), "[OUTPUT]\n    Name http\n");
    Files.createDirectories(outside.resolve("more"));
    Files.writeString(outside.resolve("more/other.conf"), "[INPUT]\n    Name mem\n");
    Files.createSymbolicLink(dir.resolve("linked.conf"), outside.resolve("secret.conf"));
    Files.createSymbolicLink(dir.resolve("linked-dir"), outside.resolve("more"));
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/inner.conf"), "[INPUT]\n    Name dummy\n");
    Files.createSymbolicLink(dir.resolve("alias.conf"), dir.resolve("sub/inner.conf"));

    Folder folder = new Folder(dir);
    assertThat(folder.list())
        .extracting(Folder.Entry::path)
        .containsExactly("alias.conf", "edge.conf", "sub/inner.conf");
    assertThatThrownBy(() -> folder.read("linked.conf"))
        .isInstanceOf(FleetException.class)
        .hasMessageContaining("out of the folder");
  }

  @Test
  @Timeout(10)
  void aNamedPipeIsNeitherListedNorRead() throws Exception {
    Path fifo = dir.resolve("pipe.conf");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeThat(mkfifo.waitFor()).as("mkfifo is available").isZero();
    Files.writeString(dir.resolve("edge.conf"), "[INPUT]\n    Name cpu\n");

    Folder folder = new Folder(dir);
    assertThat(folder.list()).extracting(Folder.Entry::path).containsExactly("edge.conf");
    assertThatThrownBy(() -> folder.read("pipe.conf"))
        .isInstanceOf(FleetException.class)
        .hasMessageContaining("not a regular file");
  }
}
