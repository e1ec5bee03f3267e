package dev.flotilla.server.mcp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived confirmation ids for destructive tools: the first call gets a plan and an id bound to
 * the caller, the tool and its exact arguments; only a second call by the same caller with the same
 * arguments and that id acts. An id is used once. Thread-safe.
 */
final class Confirmations {
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_OPEN = 10_000;

  /** What the second call must match. */
  private record Pending(String callerKey, String tool, String arguments, Instant expires) {}

  /** A confirmation handed out: the id to send back and until when it holds. */
  record Ticket(String id, Instant expiresAt) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> open = new ConcurrentHashMap<>();

  Confirmations(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param arguments the tool's arguments in a canonical form (without the confirmation id)
   */
  Ticket issue(Caller caller, String tool, String arguments) {
    Instant now = clock.instant();
    if (open.size() >= MAX_OPEN) {
      open.values().removeIf(p -> !p.expires().isAfter(now));
    }
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    Instant expires = now.plus(LIFETIME);
    open.put(id, new Pending(caller.key(), tool, arguments, expires));
    return new Ticket(id, expires);
  }

  /**
   * Uses up {@code id} if it was issued to this caller for this tool and these arguments and has
   * not expired.
   *
   * @return empty when the action may go ahead; else why it is refused
   */
  Optional<String> redeem(Caller caller, String tool, String arguments, String id) {
    Pending p = open.get(id);
    if (p == null) {
      return Optional.of(
          "unknown or already used confirmation id; call "
              + tool
              + " without confirm for a new plan");
    }
    if (!p.callerKey().equals(caller.key())) {
      // not removed: a foreign caller must not be able to spend someone else's confirmation
      return Optional.of("this confirmation id was issued to another caller");
    }
    if (!p.expires().isAfter(clock.instant())) {
      open.remove(id);
      return Optional.of(
          "this confirmation id expired at "
              + p.expires()
              + "; call "
              + tool
              + " without confirm for a new plan");
    }
    if (!p.tool().equals(tool) || !p.arguments().equals(arguments)) {
      return Optional.of(
          "this confirmation id was issued for "
              + p.tool()
              + " with other arguments; confirm with exactly the arguments of the plan");
    }
    return open.remove(id, p) ? Optional.empty() : Optional.of("confirmation id already used");
  }
}
