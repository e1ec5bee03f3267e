package dev.flotilla.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of the store writer, for {@code /metrics}. Counters only grow.
 *
 * @param batchesWritten batches the store accepted
 * @param batchFailures attempts the store refused or could not be reached for
 * @param agentsWritten agent rows written (one per agent per batch, however many snapshots)
 * @param eventsWritten events appended
 * @param eventsDropped events discarded because too many were pending during an outage
 * @param lastBatchNanos how long the last written batch took, in nanoseconds
 * @param batchNanosSum total time of all written batches, in nanoseconds
 * @param batchNanosBuckets cumulative histogram of batch times: element {@code i} counts the
 *     batches that took at most {@link #BUCKET_BOUNDS_NANOS}{@code [i]}; the last element (no
 *     bound, +Inf) equals {@code batchesWritten}
 * @param pendingAgents agents changed but not yet written
 * @param pendingEvents events not yet written
 * @param pendingOps deletes and renames not yet written
 * @param unavailableSince start of the current outage; null while the store works
 * @param lastFailure why the last attempt failed during the current outage; null while it works
 * @param writerRunning false when the writer thread has stopped (closed, or killed by an error it
 *     could not survive): nothing is written any more
 */
public record StoreMetrics(
    long batchesWritten,
    long batchFailures,
    long agentsWritten,
    long eventsWritten,
    long eventsDropped,
    long lastBatchNanos,
    long batchNanosSum,
    List<Long> batchNanosBuckets,
    int pendingAgents,
    int pendingEvents,
    int pendingOps,
    Instant unavailableSince,
    String lastFailure,
    boolean writerRunning) {

  /** Upper bounds of the histogram buckets, in nanoseconds: 1 ms to 10 s. */
  public static final List<Long> BUCKET_BOUNDS_NANOS =
      List.of(
          1_000_000L,
          5_000_000L,
          25_000_000L,
          100_000_000L,
          500_000_000L,
          2_500_000_000L,
          10_000_000_000L);

  public StoreMetrics {
    batchNanosBuckets = List.copyOf(batchNanosBuckets);
  }

  /** The store takes writes and the writer is there to write them. */
  public boolean available() {
    return unavailableSince == null && writerRunning;
  }
}
