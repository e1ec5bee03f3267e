package dev.flotilla.fleet;

/**
 * A fleet operation that could not be done. Every edge maps {@link Kind} to its own answer in one
 * place (REST status, CLI exit code, MCP error).
 */
public class FleetException extends RuntimeException {

  /** What went wrong, independent of transport. */
  public enum Kind {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    /** Well-formed but refused on its content, e.g. a config with lint errors. */
    UNPROCESSABLE(422),
    PAYLOAD_TOO_LARGE(413),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromHttpStatus(int status) {
      for (Kind k : values()) {
        if (k.httpStatus == status) {
          return k;
        }
      }
      return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
  }

  private final Kind kind;

  public FleetException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public FleetException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static FleetException notFound(String uid) {
    return new FleetException(Kind.NOT_FOUND, "no agent with instance uid " + uid);
  }
}
