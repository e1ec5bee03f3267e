package dev.flotilla.cli.config;

import dev.flotilla.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

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

  static int ioError(PrintWriter err, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof NoSuchFileException) {
      message = "no such file: " + message;
    }
    err.println("flotilla: " + message);
    return USAGE_OR_IO;
  }
}
