package dev.flotilla.server.agents;

import dev.flotilla.server.store.StoreMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The store writer's counters. Thread-safe: written by the writer, read by metric scrapes. */
final class BatchStats {

  private long batchesWritten;
  private long batchFailures;
  private long agentsWritten;
  private long eventsWritten;
  private long lastBatchNanos;
  private long batchNanosSum;
  // per bucket, not cumulative; one more than the bounds for +Inf
  private final long[] buckets = new long[StoreMetrics.BUCKET_BOUNDS_NANOS.size() + 1];
  private Instant unavailableSince;
  private String lastFailure;

  synchronized void written(int agents, int events, long nanos) {
    batchesWritten++;
    agentsWritten += agents;
    eventsWritten += events;
    lastBatchNanos = nanos;
    batchNanosSum += nanos;
    int i = 0;
    while (i < StoreMetrics.BUCKET_BOUNDS_NANOS.size()
        && nanos > StoreMetrics.BUCKET_BOUNDS_NANOS.get(i)) {
      i++;
    }
    buckets[i]++;
  }

  /** Counts a failed attempt; returns true when it starts an outage. */
  synchronized boolean failed(Instant now, String why) {
    batchFailures++;
    lastFailure = why;
    if (unavailableSince == null) {
      unavailableSince = now;
      return true;
    }
    return false;
  }

  /** Ends the outage, if any; returns when it started, or null. */
  synchronized Instant recovered() {
    Instant since = unavailableSince;
    unavailableSince = null;
    lastFailure = null;
    return since;
  }

  StoreMetrics snapshot(PendingWrites pending, boolean writerRunning) {
    // read outside this lock: no thread holds both
    int agents = pending.agentCount();
    int events = pending.eventCount();
    int ops = pending.opCount();
    long dropped = pending.droppedEvents();
    synchronized (this) {
      return snapshot(agents, events, ops, dropped, writerRunning);
    }
  }

  private StoreMetrics snapshot(
      int pendingAgents, int pendingEvents, int pendingOps, long dropped, boolean running) {
    List<Long> cumulative = new ArrayList<>(buckets.length);
    long sum = 0;
    for (long b : buckets) {
      sum += b;
      cumulative.add(sum);
    }
    return new StoreMetrics(
        batchesWritten,
        batchFailures,
        agentsWritten,
        eventsWritten,
        dropped,
        lastBatchNanos,
        batchNanosSum,
        cumulative,
        pendingAgents,
        pendingEvents,
        pendingOps,
        unavailableSince,
        lastFailure,
        running);
  }
}
