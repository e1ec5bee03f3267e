package dev.flotilla.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of microsecond values: exact below 128 µs, then 64 linear
 * sub-buckets per power of two (under 1.6 % error). Percentiles report a bucket's upper edge, so
 * they never understate; the maximum is exact. Covers up to about 2^40 µs (12 days).
 */
final class LatencyHistogram {
  private static final int EXACT = 128;
  private static final int SUB_BUCKETS = 64;
  private static final int SUB_BITS = 6;
  private static final int BUCKETS = EXACT + 40 * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  void recordNanos(long nanos) {
    recordMicros(Math.max(0, nanos / 1_000));
  }

  void recordMicros(long micros) {
    counts.incrementAndGet(Math.min(BUCKETS - 1, index(micros)));
    count.incrementAndGet();
    max.accumulateAndGet(micros, Math::max);
  }

  long count() {
    return count.get();
  }

  long maxMicros() {
    return max.get();
  }

  /** The value at percentile {@code p} (0–100) in µs; 0 when empty. */
  long percentileMicros(double p) {
    long total = 0;
    long[] snapshot = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return Math.min(upperEdge(i), max.get());
      }
    }
    return max.get();
  }

  static int index(long micros) {
    if (micros < EXACT) {
      return (int) micros;
    }
    int shift = (63 - Long.numberOfLeadingZeros(micros)) - SUB_BITS;
    long sub = micros >>> shift; // 64..127
    return EXACT + (shift - 1) * SUB_BUCKETS + (int) (sub - SUB_BUCKETS);
  }

  static long upperEdge(int index) {
    if (index < EXACT) {
      return index;
    }
    int shift = (index - EXACT) / SUB_BUCKETS + 1;
    long sub = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
    return ((sub + 1) << shift) - 1;
  }
}
