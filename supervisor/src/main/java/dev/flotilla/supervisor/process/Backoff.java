package dev.flotilla.supervisor.process;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th delay is uniform in [initial, min(max, initial ×
 * 2^n)]. Not thread-safe; each retry loop owns one.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  public Duration next() {
    long ceiling = initial.toMillis() << Math.min(attempt, 20);
    ceiling = Math.min(ceiling, max.toMillis());
    attempt++;
    long floor = Math.min(initial.toMillis(), ceiling);
    return Duration.ofMillis(floor + (ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0));
  }

  public int attempts() {
    return attempt;
  }

  public void reset() {
    attempt = 0;
  }
}
