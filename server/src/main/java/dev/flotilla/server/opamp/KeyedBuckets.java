package dev.flotilla.server.opamp;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (an agent's instance uid, a source address). Keys not used for
 * {@code keepNanos} are forgotten once more than {@code maxKeys} are held (swept at most once a
 * second); past {@code maxKeys} a new key is not tracked and counts as unknown.
 */
final class KeyedBuckets {
  private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

  private final double perSecond;
  private final int maxKeys;
  private final long keepNanos;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweep = Long.MIN_VALUE;

  KeyedBuckets(double perSecond, int maxKeys, long keepNanos) {
    this.perSecond = perSecond;
    this.maxKeys = maxKeys;
    this.keepNanos = keepNanos;
  }

  /** Whether {@code key} was seen within the keep time. */
  boolean known(String key, long now) {
    TokenBucket b = buckets.get(key);
    return b != null && now - b.lastUsed() <= keepNanos;
  }

  /** Takes one token for {@code key}; false when that key is over its rate. */
  boolean tryTake(String key, long now) {
    TokenBucket b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= maxKeys) {
        sweep(now);
      }
      if (buckets.size() >= maxKeys) {
        return true; // untracked: the global and per-source limits still apply
      }
      b = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, perSecond, now));
    }
    return b.tryTake(now, 0);
  }

  int size() {
    return buckets.size();
  }

  private void sweep(long now) {
    if (lastSweep != Long.MIN_VALUE && now - lastSweep < SWEEP_EVERY_NANOS) {
      return;
    }
    lastSweep = now;
    buckets.values().removeIf(b -> now - b.lastUsed() > keepNanos);
  }
}
