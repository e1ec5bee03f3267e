package dev.flotilla.server.api;

/**
 * A refusal whose HTTP status has no {@link dev.flotilla.fleet.FleetException.Kind} of its own
 * (415, 429); {@link ApiRoutes} answers it in the API's one error shape with that status.
 */
final class StatusException extends RuntimeException {
  private final int status;

  StatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
