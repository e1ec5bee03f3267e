package dev.flotilla.server.opamp;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded queue in front of OpAMP message processing: a fixed number run at once, up to {@code
 * maxWaiting} wait at most {@code maxWait} for a turn, and the rest are refused at once, so an
 * overloaded server answers 503 instead of letting requests time out.
 */
final class WorkQueue {
  private final Semaphore running;
  private final int maxWaiting;
  private final long maxWaitNanos;
  private final AtomicInteger waiting = new AtomicInteger();

  WorkQueue(int workers, int maxWaiting, Duration maxWait) {
    this.running = new Semaphore(workers);
    this.maxWaiting = maxWaiting;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** Takes a turn; false when the queue is full or the wait ran out. Pair with {@link #leave}. */
  boolean enter() {
    if (running.tryAcquire()) {
      return true;
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiting.decrementAndGet();
    }
  }

  void leave() {
    running.release();
  }

  int waiting() {
    return waiting.get();
  }
}
