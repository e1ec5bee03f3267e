package dev.flotilla.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in attempts per source address: at most {@code limit} in any {@code window}; past that, how
 * long until the oldest attempt leaves the window. Counts every attempt, right or wrong, so a
 * guesser gains nothing by mixing in a known token. Thread-safe; state is in memory.
 */
public final class SignInLimiter {
  public static final int DEFAULT_LIMIT = 10;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  /** Addresses tracked before idle ones are dropped, so a spray of sources cannot fill memory. */
  private static final int SWEEP_AT = 10_000;

  private final Clock clock;
  private final int limit;
  private final Duration window;
  private final ConcurrentHashMap<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

  public SignInLimiter(Clock clock) {
    this(clock, DEFAULT_LIMIT, DEFAULT_WINDOW);
  }

  public SignInLimiter(Clock clock, int limit, Duration window) {
    this.clock = clock;
    this.limit = limit;
    this.window = window;
  }

  /**
   * Records an attempt from {@code address}.
   *
   * @return empty when it may go ahead; else how long until the next one may (at least a second)
   */
  public Optional<Duration> attempt(String address) {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    if (attempts.size() > SWEEP_AT) {
      attempts.values().removeIf(q -> isIdle(q, since));
    }
    Deque<Instant> q = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && !q.peekFirst().isAfter(since)) {
        q.pollFirst();
      }
      if (q.size() >= limit) {
        Duration wait = Duration.between(now, q.peekFirst().plus(window));
        return Optional.of(
            wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
      }
      q.addLast(now);
      return Optional.empty();
    }
  }

  private static boolean isIdle(Deque<Instant> q, Instant since) {
    synchronized (q) {
      return q.isEmpty() || !q.peekLast().isAfter(since);
    }
  }
}
