package dev.flotilla.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side of an overload scenario saw: answers by status (2xx, refusals with and without
 * {@code Retry-After}, anything else) and requests that got no answer at all (timeouts, resets,
 * connection errors), with the latency of the answered ones.
 */
final class Tally {
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong refusedWithRetryAfter = new AtomicLong();
  private final AtomicLong refusedWithoutRetryAfter = new AtomicLong();
  private final AtomicLong other = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<Integer, Long> byStatus = new TreeMap<>(); // guarded by itself
  private final Map<String, Long> drops = new TreeMap<>(); // guarded by itself
  private final LatencyHistogram latency = new LatencyHistogram();

  /** The statuses an overloaded server answers with instead of doing the work. */
  static boolean refusal(int status) {
    return status == 429 || status == 503 || status == 408 || status == 413;
  }

  void answered(int status, boolean retryAfter, long nanos) {
    latency.recordNanos(nanos);
    synchronized (byStatus) {
      byStatus.merge(status, 1L, Long::sum);
    }
    if (status / 100 == 2) {
      ok.incrementAndGet();
    } else if (refusal(status)) {
      (retryAfter ? refusedWithRetryAfter : refusedWithoutRetryAfter).incrementAndGet();
    } else {
      other.incrementAndGet();
    }
  }

  void dropped(Throwable cause) {
    dropped.incrementAndGet();
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    synchronized (drops) {
      drops.merge(root.getClass().getSimpleName(), 1L, Long::sum);
    }
  }

  long ok() {
    return ok.get();
  }

  long refusedWithRetryAfter() {
    return refusedWithRetryAfter.get();
  }

  long refusedWithoutRetryAfter() {
    return refusedWithoutRetryAfter.get();
  }

  long other() {
    return other.get();
  }

  long dropped() {
    return dropped.get();
  }

  long total() {
    return ok() + refusedWithRetryAfter() + refusedWithoutRetryAfter() + other() + dropped();
  }

  /** Share of requests answered 2xx, 0..1; 0 when nothing was sent. */
  double okShare() {
    long total = total();
    return total == 0 ? 0 : (double) ok() / total;
  }

  LatencyHistogram latency() {
    return latency;
  }

  /** e.g. {@code 200×412 429×9588; dropped: HttpTimeoutException×3}. */
  String detail() {
    StringBuilder s = new StringBuilder();
    synchronized (byStatus) {
      byStatus.forEach((status, n) -> s.append(status).append('×').append(n).append(' '));
    }
    synchronized (drops) {
      if (!drops.isEmpty()) {
        s.append(s.isEmpty() ? "dropped:" : "; dropped:");
        drops.forEach((kind, n) -> s.append(' ').append(kind).append('×').append(n));
      }
    }
    return s.toString().trim();
  }
}
