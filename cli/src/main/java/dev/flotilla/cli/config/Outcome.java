package dev.flotilla.cli.config;

import dev.flotilla.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Exit codes of the config and schema tools, on the shared scale: 0 clean, 1 findings at error
 * level, 2 bad usage or a file that cannot be read or written. These commands return codes rather
 * than throw, because an unreadable file must give 2 where other commands' failures give 1.
 */
final class Outcome {
  static final int CLEAN = 0;
  static final int FINDINGS = ExitCodes.FAILED;
  static final int USAGE_OR_IO = ExitCodes.USAGE;

  private Outcome() {}

  /** A config file's text; a file that is not UTF-8 fails with a message naming it. */
  static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not UTF-8 text", e);
    }
  }

  static int ioError(PrintWriter err, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof NoSuchFileException) {
      message = "no such file: " + message;
    }
    err.println("flotilla: " + message);
    return USAGE_OR_IO;
  }
}
