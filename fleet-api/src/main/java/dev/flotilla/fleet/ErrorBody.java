package dev.flotilla.fleet;

/** The one JSON error shape of the REST API: {@code {"error": {"code", "message", "status"}}}. */
public record ErrorBody(Error error) {
  public record Error(String code, String message, int status) {}

  public static ErrorBody of(FleetException e) {
    return new ErrorBody(new Error(e.kind().code(), e.getMessage(), e.kind().httpStatus()));
  }
}
