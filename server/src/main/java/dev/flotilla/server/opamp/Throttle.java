package dev.flotilla.server.opamp;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Overload protection for the OpAMP listener: a cap on live connections (WebSocket sessions plus
 * in-flight HTTP requests) and token buckets on messages per second, per agent (instance uid), per
 * source address and across all agents.
 *
 * <p>A message is checked against its source, then its agent, then the global bucket, so a flooding
 * agent or address is refused by its own bucket without spending the budget others need. The last
 * {@link #RESERVE_SHARE} of the global bucket is kept for agents already talking to the server: a
 * new agent (an HTTP uid not seen lately, the first message on a WebSocket) is refused first.
 */
public final class Throttle {
  /**
   * Suggested retry delays are spread over [30 s, 60 s) so refused agents do not return at once.
   */
  private static final long MIN_RETRY_SECONDS = 30;

  /** The share of the global bucket only established agents may take. */
  static final double RESERVE_SHARE = 0.1;

  /** An agent or address not heard from for this long is forgotten (and counts as new again). */
  private static final long KEEP_NANOS = Duration.ofMinutes(10).toNanos();

  /**
   * The limits.
   *
   * @param maxConnections live WebSocket sessions plus in-flight HTTP requests
   * @param perSecond messages per second across all agents
   * @param perAgentPerSecond messages per second from one instance uid
   * @param perSourcePerSecond messages per second from one source address
   */
  public record Limits(
      int maxConnections, int perSecond, int perAgentPerSecond, int perSourcePerSecond) {}

  private final int maxConnections;
  private final Clock clock;
  private final TokenBucket global;
  private final double reserve;
  private final KeyedBuckets agents;
  private final KeyedBuckets sources;
  private final AtomicInteger connections = new AtomicInteger();

  public Throttle(Limits limits, Clock clock) {
    this.maxConnections = limits.maxConnections();
    this.clock = clock;
    this.global = new TokenBucket(limits.perSecond(), limits.perSecond(), nanos());
    this.reserve = limits.perSecond() * RESERVE_SHARE;
    int maxKeys = Math.max(10_000, 2 * limits.maxConnections());
    this.agents = new KeyedBuckets(limits.perAgentPerSecond(), maxKeys, KEEP_NANOS);
    this.sources = new KeyedBuckets(limits.perSourcePerSecond(), maxKeys, KEEP_NANOS);
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

  /** Takes one message from the source address's bucket; false when it is over its rate. */
  public boolean trySource(String source) {
    return sources.tryTake(source, nanos());
  }

  /**
   * Takes one message for {@code agent} from its own bucket and then the global one.
   *
   * @param established the agent is already talking to the server over this link (a WebSocket past
   *     its first message); otherwise an agent heard from lately counts as established
   */
  public boolean tryAgent(String agent, boolean established) {
    long now = nanos();
    boolean known = established || agents.known(agent, now);
    if (!agents.tryTake(agent, now)) {
      return false;
    }
    return global.tryTake(now, known ? 0 : reserve);
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
