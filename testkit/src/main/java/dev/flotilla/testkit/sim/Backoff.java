package dev.flotilla.testkit.sim;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reconnect delays: at once after the first failure, then 2 s, 4 s, ... up to 30 s, each with ±20 %
 * jitter so that thousands of agents dropped together do not return together. A delay the server
 * asked for ({@code Retry-After}, {@code retry_info}) wins.
 */
final class Backoff {
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(30);

  private int failures; // guarded by this
  private long serverAskedNanos = -1; // guarded by this

  synchronized void succeeded() {
    failures = 0;
  }

  /** The server asked for this delay before the next attempt (nanoseconds). */
  synchronized void serverAsked(long nanos) {
    serverAskedNanos = nanos;
  }

  /** Nanoseconds to wait before the next attempt; counts a failure. */
  synchronized long nextDelay() {
    int attempt = failures++;
    long asked = serverAskedNanos;
    serverAskedNanos = -1;
    if (asked >= 0) {
      return asked;
    }
    if (attempt == 0) {
      return 0;
    }
    long base = Math.min(MAX_NANOS, TimeUnit.SECONDS.toNanos(1) << Math.min(attempt, 5));
    return (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
  }
}
