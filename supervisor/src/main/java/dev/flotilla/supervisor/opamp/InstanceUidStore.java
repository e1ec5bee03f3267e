package dev.flotilla.supervisor.opamp;

import dev.flotilla.opamp.InstanceUid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * The supervisor's {@link InstanceUid}, kept in {@code <state-dir>/instance-uid} (canonical text,
 * mode 0600): created as a UUIDv7 on first start, reused afterwards, replaced when the server
 * assigns a new one.
 */
public final class InstanceUidStore {

  private final Path file;
  private final Clock clock;

  public InstanceUidStore(Path stateDir, Clock clock) {
    this.file = stateDir.resolve("instance-uid");
    this.clock = clock;
  }

  public InstanceUid loadOrCreate() {
    try {
      if (Files.exists(file)) {
        return InstanceUid.parse(Files.readString(file).strip());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "reading instance uid from " + file + ": " + e.getMessage(), e);
    }
    InstanceUid uid = InstanceUid.newV7(clock);
    save(uid);
    return uid;
  }

  public void save(InstanceUid uid) {
    writePrivate(file, uid.toString() + "\n");
  }

  /** Writes {@code text} atomically to a file readable only by its owner (where POSIX allows). */
  static void writePrivate(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }
}
