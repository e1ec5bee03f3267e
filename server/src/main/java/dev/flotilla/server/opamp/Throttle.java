package dev.flotilla.server.opamp;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Overload protection for the OpAMP listener: a cap on live connections (WebSocket sessions plus
 * in-flight HTTP requests) and a token bucket on messages per second across all agents.
 */
public final class Throttle {
  /**
   * Suggested retry delays are spread over [30 s, 60 s) so refused agents do not return at once.
   */
  private static final long MIN_RETRY_SECONDS = 30;

  private final int maxConnections;
  private final double ratePerNano;
  private final double burst;
  private final Clock clock;
  private final AtomicInteger connections = new AtomicInteger();
  private double tokens;
  private long lastRefillNanos;

  public Throttle(int maxConnections, int messagesPerSecond, Clock clock) {
    this.maxConnections = maxConnections;
    this.ratePerNano = messagesPerSecond / 1e9;
    this.burst = messagesPerSecond;
    this.clock = clock;
    this.tokens = burst;
    this.lastRefillNanos = nanos();
  }

  /** Reserves a connection slot; false when the listener is full. */
  public boolean openConnection() {
    while (true) {
      int now = connections.get();
      if (now >= maxConnections) {
        return false;
      }
      if (connections.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Whether no connection slot is free right now. */
  public boolean full() {
    return connections.get() >= maxConnections;
  }

  public void closeConnection() {
    connections.decrementAndGet();
  }

  public int connections() {
    return connections.get();
  }

  /** Takes one message from the bucket; false when over the rate. */
  public synchronized boolean tryMessage() {
    long now = nanos();
    tokens = Math.min(burst, tokens + (now - lastRefillNanos) * ratePerNano);
    lastRefillNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** A jittered retry delay of at least 30 s. */
  public Duration retryAfter() {
    return Duration.ofSeconds(MIN_RETRY_SECONDS + ThreadLocalRandom.current().nextLong(30));
  }

  private long nanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
