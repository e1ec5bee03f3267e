package dev.flotilla.testkit.sim;

/**
 * Send times of messages still awaiting their reply, oldest first, for request-to-reply latency.
 * Holds at most four; a fifth send forgets the oldest. Replies come in order on both transports.
 */
final class Outstanding {
  private final long[] sentNanos = new long[4];
  private int head;
  private int count;

  synchronized void push(long nanoTime) {
    if (count == sentNanos.length) {
      head = (head + 1) % sentNanos.length;
      count--;
    }
    sentNanos[(head + count) % sentNanos.length] = nanoTime;
    count++;
  }

  /** Nanoseconds since the oldest outstanding send, or -1 when nothing was outstanding. */
  synchronized long pop(long nanoTime) {
    if (count == 0) {
      return -1;
    }
    long sent = sentNanos[head];
    head = (head + 1) % sentNanos.length;
    count--;
    return nanoTime - sent;
  }

  synchronized void clear() {
    count = 0;
  }
}
