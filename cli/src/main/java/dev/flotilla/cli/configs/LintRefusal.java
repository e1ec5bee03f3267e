package dev.flotilla.cli.configs;

import dev.flotilla.fleet.FleetException;
import java.util.function.Supplier;

/**
 * Sends a config to the server and, when its lint refuses it (422), keeps the server's findings in
 * the message and says how to override; the exit code stays the one for a refusal.
 */
public final class LintRefusal {
  private LintRefusal() {}

  public static <T> T unlessRefused(Supplier<T> send) {
    try {
      return send.get();
    } catch (FleetException e) {
      if (e.kind() != FleetException.Kind.UNPROCESSABLE) {
        throw e;
      }
      throw new FleetException(
          e.kind(), "refused by the server: " + e.getMessage() + " (--force sends it anyway)", e);
    }
  }
}
