package dev.flotilla.cli.config;

import java.io.PrintWriter;

/**
 * Exit codes of the config and schema tools: 0 clean, 1 findings at error level, 2 bad usage or a
 * file that cannot be read or written.
 */
final class Outcome {
  static final int CLEAN = 0;
  static final int FINDINGS = 1;
  static final int USAGE_OR_IO = 2;

  private Outcome() {}

  static int ioError(PrintWriter err, Exception e) {
    err.println(
        "flotilla: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    return USAGE_OR_IO;
  }
}
