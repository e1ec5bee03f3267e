package dev.flotilla.supervisor.opamp;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed connect or send. {@code retryAfter} carries the server's {@code Retry-After} or {@code
 * retry_info}; {@code permanent} marks a message that must not be retried (413, BadRequest).
 */
final class TransportException extends Exception {

  private final transient Optional<Duration> retryAfter;
  private final boolean permanent;

  TransportException(String message, Throwable cause) {
    this(message, cause, Optional.empty(), false);
  }

  TransportException(
      String message, Throwable cause, Optional<Duration> retryAfter, boolean permanent) {
    super(message, cause);
    this.retryAfter = retryAfter;
    this.permanent = permanent;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  boolean permanent() {
    return permanent;
  }
}
