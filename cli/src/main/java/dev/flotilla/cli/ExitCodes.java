package dev.flotilla.cli;

import dev.flotilla.fleet.FleetException;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes: 1 for a refused or failed operation, 2 for bad
 * usage, settings or a file that cannot be read or written, 3 when a server or store cannot be
 * reached.
 */
public final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNAVAILABLE = 3;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("flotilla: " + message(e));
    return code(e);
  }

  static int code(Throwable e) {
    if (e instanceof FleetException f) {
      return switch (f.kind()) {
        case BAD_REQUEST -> USAGE;
        case UNAVAILABLE -> UNAVAILABLE;
        default -> FAILED;
      };
    }
    if (e instanceof IllegalArgumentException
        || e instanceof CommandLine.ParameterException
        || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException) {
      return USAGE;
    }
    if (e instanceof dev.flotilla.server.store.StoreException) {
      return UNAVAILABLE;
    }
    return FAILED;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
