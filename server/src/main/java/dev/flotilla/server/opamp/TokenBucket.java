package dev.flotilla.server.opamp;

/**
 * A token bucket refilled at a fixed rate up to its burst. Time is passed in (nanoseconds on the
 * server's clock), so tests drive it with a fixed clock.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;
  private volatile long lastUsed;

  TokenBucket(double perSecond, double burst, long now) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
    this.lastUsed = now;
  }

  /**
   * Takes one token if at least {@code 1 + reserve} are there; {@code reserve} keeps part of the
   * bucket for callers that pass 0.
   */
  synchronized boolean tryTake(long now, double reserve) {
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
    }
    lastUsed = now;
    if (tokens >= 1 + reserve) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  long lastUsed() {
    return lastUsed;
  }
}
