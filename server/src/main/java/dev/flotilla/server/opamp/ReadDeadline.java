package dev.flotilla.server.opamp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for reading one HTTP request body on the calling thread: when it passes before the
 * body is in, the blocked read is interrupted, so a trickled body (slowloris) cannot hold a slot
 * longer than the deadline. Use in try-with-resources around the read.
 */
final class ReadDeadline implements AutoCloseable {
  private final Thread reader = Thread.currentThread();
  private boolean done;
  private boolean expired;

  private ReadDeadline() {}

  static ReadDeadline start(Duration timeout) {
    ReadDeadline d = new ReadDeadline();
    CompletableFuture.runAsync(
        d::expire,
        // run on the JDK's delay thread itself: expiring only sets a flag and interrupts
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
    return d;
  }

  private synchronized void expire() {
    if (!done) {
      done = true;
      expired = true;
      reader.interrupt();
    }
  }

  /** Whether the deadline passed before {@link #close}. */
  synchronized boolean expired() {
    return expired;
  }

  /** The body is in (or reading failed): the deadline no longer applies. */
  @Override
  public synchronized void close() {
    done = true;
    if (expired) {
      Thread.interrupted(); // the interrupt was for the read; do not leak it to what follows
    }
  }
}
