package dev.flotilla.testkit.sim;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends a heartbeat when nothing else went out for one interval. At most one timer per agent is
 * pending at a time: when it fires early (something was sent meanwhile) it re-arms for the rest.
 */
final class Heartbeat {
  private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final ScheduledExecutorService scheduler;
  private final LongSupplier lastSentNanos;
  private final Runnable send;
  private volatile long intervalNanos;
  private int generation; // guarded by this; bumping it orphans the pending timer
  private boolean pending; // guarded by this

  Heartbeat(
      ScheduledExecutorService scheduler,
      long intervalNanos,
      LongSupplier lastSentNanos,
      Runnable send) {
    this.scheduler = scheduler;
    this.intervalNanos = intervalNanos;
    this.lastSentNanos = lastSentNanos;
    this.send = send;
  }

  long intervalNanos() {
    return intervalNanos;
  }

  /** Arms the timer unless it is armed already or heartbeats are off. */
  void arm() {
    long interval = intervalNanos;
    if (interval <= 0) {
      return;
    }
    int current;
    synchronized (this) {
      if (pending) {
        return;
      }
      pending = true;
      current = generation;
    }
    scheduler.schedule(() -> due(current), interval, TimeUnit.NANOSECONDS);
  }

  /** Switches to {@code nanos} (0 turns heartbeats off) and re-arms. */
  void interval(long nanos) {
    if (nanos == intervalNanos) {
      return;
    }
    intervalNanos = nanos;
    synchronized (this) {
      generation++;
      pending = false;
    }
    arm();
  }

  /** Stops for good; nothing is scheduled afterwards. */
  void stop() {
    interval(0);
  }

  private void due(int armedGeneration) {
    synchronized (this) {
      if (armedGeneration != generation) {
        return;
      }
      pending = false;
    }
    long interval = intervalNanos;
    if (interval <= 0) {
      return;
    }
    long wait = lastSentNanos.getAsLong() + interval - System.nanoTime();
    if (wait > SLACK_NANOS) {
      synchronized (this) {
        if (armedGeneration != generation || pending) {
          return;
        }
        pending = true;
      }
      scheduler.schedule(() -> due(armedGeneration), wait, TimeUnit.NANOSECONDS);
      return;
    }
    send.run(); // whoever completes the send re-arms
  }
}
