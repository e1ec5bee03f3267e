package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.StoreException;
import dev.flotilla.server.store.StoreMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind for the in-memory fleet: callers hand over agent snapshots and events without
 * touching the database; one writer thread stores them in batches every flush interval, keeping
 * only the newest snapshot of each agent, so a heartbeat costs no database write.
 *
 * <p>When the store fails, everything stays pending and the writer retries with a backoff that
 * doubles from the flush interval up to {@link Settings#maxBackoff()}; an outage is logged and
 * reported to the {@link Listener} once when it starts and once when it ends. A crash loses at most
 * what was pending: about one flush interval of changes, or the whole outage.
 *
 * <p>A change that must be durable before it is confirmed (an operator's edit or delete) goes
 * through {@link #saveNow} or {@link #deleteNow}, not to the store directly: those wait for the
 * batch in flight and drop older queued writes of the agent, which could otherwise land after the
 * change and undo it.
 *
 * <p>Thread-safe. The producer methods never block on the database.
 */
public final class StoreWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

  /**
   * @param flushInterval time between batches while the store works
   * @param maxBatchSize most agents and most events per batch (a batch is the pending deletes and
   *     renames, then one transaction of agents, then one of events); this many pending agents or
   *     events also start a batch before the interval is over
   * @param maxBackoff longest wait between attempts during an outage
   * @param maxPendingEvents events kept during an outage; beyond it the oldest are dropped
   */
  public record Settings(
      Duration flushInterval, int maxBatchSize, Duration maxBackoff, int maxPendingEvents) {
    public static final Settings DEFAULTS =
        new Settings(Duration.ofSeconds(1), 1000, Duration.ofSeconds(30), 100_000);

    public Settings {
      if (flushInterval.isNegative() || flushInterval.isZero()) {
        throw new IllegalArgumentException("flush interval must be positive: " + flushInterval);
      }
      if (maxBatchSize < 1 || maxPendingEvents < maxBatchSize) {
        throw new IllegalArgumentException(
            "need 1 <= maxBatchSize <= maxPendingEvents, got "
                + maxBatchSize
                + " and "
                + maxPendingEvents);
      }
      if (maxBackoff.compareTo(flushInterval) < 0) {
        throw new IllegalArgumentException("max backoff must not be below the flush interval");
      }
    }
  }

  /** Hears about outages, on the writing thread; keep it quick. Defaults do nothing. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** The first failed attempt of an outage. */
    default void storeUnavailable(StoreException cause) {}

    /** The first successful batch after an outage. */
    default void storeAvailable(Duration outage) {}
  }

  private final AgentStore store;
  private final EventStore events;
  private final Clock clock;
  private final Settings settings;
  private final Listener listener;
  private final PendingWrites pending;
  private final BatchStats stats = new BatchStats();

  // One batch at a time, whether the writer thread or flush() writes it.
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock signalLock = new ReentrantLock();
  private final Condition wake = signalLock.newCondition();
  private boolean wakeRequested; // guarded by signalLock
  private boolean stopping; // guarded by signalLock
  private volatile int consecutiveFailures;
  private volatile boolean closed;
  private Thread thread; // guarded by this

  /**
   * @param clock for the times reported in metrics and to the listener; waits and latencies use
   *     {@link System#nanoTime()}, which cannot jump
   */
  public StoreWriter(
      AgentStore store, EventStore events, Clock clock, Settings settings, Listener listener) {
    this.store = store;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
    this.pending = new PendingWrites(settings.maxPendingEvents());
  }

  public StoreWriter(AgentStore store, EventStore events, Clock clock) {
    this(store, events, clock, Settings.DEFAULTS, Listener.NONE);
  }

  /** Starts the writer thread; without it, only {@link #flush()} writes. */
  public synchronized StoreWriter start() {
    if (thread != null || closed) {
      throw new IllegalStateException("store writer already started or closed");
    }
    thread = Thread.ofPlatform().name("flotilla-store-writer").daemon(true).start(this::run);
    return this;
  }

  /** Queues a snapshot; an older {@code version} of the same agent is dropped unwritten. */
  public void agentChanged(AgentRecord snapshot) {
    if (!closed) {
      pending.agentChanged(snapshot);
      nudgeIfFull();
    }
  }

  /** Queues an event; one with an id is stored already (with the change it records) and skipped. */
  public void event(AgentEvent event) {
    if (!closed && event.id() == 0) {
      pending.event(event);
      nudgeIfFull();
    }
  }

  /** Queues the removal of the agent, its events and commands; drops its pending writes. */
  public void agentDeleted(InstanceUid uid) {
    if (!closed) {
      pending.agentDeleted(uid);
    }
  }

  /**
   * Queues an approval decision made on the message path (a new agent waits for approval); it is
   * written in the same transaction as the agent rows of its batch, so never after the agent's row.
   *
   * @param state {@code pending} or {@code blocked}; null for approved
   */
  public void approvalChanged(InstanceUid uid, String state) {
    if (!closed) {
      pending.approvalChanged(new AgentStore.Approval(uid, state, clock.instant()));
    }
  }

  /**
   * Stores an operator's approval decision now, with the events that record it, on the calling
   * thread, after everything queued, and drops a queued decision of the agent.
   *
   * @return the events with their ids
   * @throws StoreException when the store fails; nothing is then stored or queued
   */
  public List<AgentEvent> approvalNow(InstanceUid uid, String state, List<AgentEvent> recorded) {
    writeLock.lock();
    try {
      writeAll();
      List<AgentEvent> stored =
          store.saveAgents(
              List.of(), List.of(new AgentStore.Approval(uid, state, clock.instant())), recorded);
      pending.approvalStored(uid);
      return stored;
    } finally {
      writeLock.unlock();
    }
  }

  /** Queues moving everything stored under {@code from} to {@code to}, pending writes too. */
  public void agentRenamed(InstanceUid from, InstanceUid to) {
    if (!closed) {
      pending.agentRenamed(from, to);
    }
  }

  /**
   * Saves the snapshot now, on the calling thread, after everything queued (so history stays in
   * order), and drops any queued snapshot of the agent that is not newer.
   *
   * @throws StoreException when the store fails; the snapshot is then neither stored nor queued
   */
  public void saveNow(AgentRecord snapshot) {
    saveNow(snapshot, List.of());
  }

  /**
   * Like {@link #saveNow(AgentRecord)}, with the events that record the change in the same
   * transaction.
   *
   * @return the events with their ids; announcing them afterwards does not store them again
   */
  public List<AgentEvent> saveNow(AgentRecord snapshot, List<AgentEvent> recorded) {
    writeLock.lock();
    try {
      // everything queued first, so that history stays in order: ids follow time
      writeAll();
      List<AgentEvent> stored = store.saveAgents(List.of(snapshot), List.of(), recorded);
      pending.agentStored(snapshot);
      return stored;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes the agent with its events and commands now, on the calling thread, between batches
   * (pending deletes and renames are written first), and drops its queued snapshot and events.
   *
   * @throws StoreException when the store fails; the agent's stored and queued data then stay
   */
  public void deleteNow(InstanceUid uid) {
    writeLock.lock();
    try {
      writePendingOps();
      store.deleteAgent(uid);
      pending.agentGone(uid);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Writes everything pending now, on the calling thread, in as many batches as needed; waits for a
   * batch the writer thread is writing.
   *
   * @throws StoreException when the store fails; what was not written stays pending
   */
  public void flush() {
    writeLock.lock();
    try {
      writeAll();
    } finally {
      writeLock.unlock();
    }
  }

  public StoreMetrics metrics() {
    return stats.snapshot(pending, running());
  }

  /** Whether the writer thread is there to write (started, not closed, not dead). */
  public synchronized boolean running() {
    return thread != null && thread.isAlive() && !closed;
  }

  /**
   * Stops the writer thread and makes one last attempt to write what is pending. When that fails
   * the loss is logged, not thrown. Later calls of the producer methods are ignored.
   */
  @Override
  public void close() {
    Thread writer;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      writer = thread;
    }
    signalLock.lock();
    try {
      stopping = true;
      wake.signalAll();
    } finally {
      signalLock.unlock();
    }
    if (writer != null) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      flush();
    } catch (StoreException e) {
      StoreMetrics m = metrics();
      log.error(
          "Closing without saving {} agent snapshots, {} events and {} deletes/renames: {}",
          m.pendingAgents(),
          m.pendingEvents(),
          m.pendingOps(),
          e.getMessage());
    }
  }

  private void run() {
    while (true) {
      int failures = consecutiveFailures;
      long delay = failures == 0 ? settings.flushInterval().toNanos() : backoffNanos(failures);
      if (!awaitTurn(delay)) {
        return;
      }
      try {
        flush();
      } catch (RuntimeException e) {
        // already counted and reported by writeAll; retried after the backoff
      } catch (Throwable t) {
        // not from a batch (writeAll counts those): an error around it, such as running out of
        // memory while waiting. The writer must not die of it: count it and go on after a backoff.
        failed(t);
      }
    }
  }

  /** Waits for the delay, or less when a full batch is waiting; false when stopping. */
  private boolean awaitTurn(long delayNanos) {
    signalLock.lock();
    try {
      long remaining = delayNanos;
      // a full batch does not cut a backoff short: the store is struggling already
      while (!stopping && remaining > 0 && !(wakeRequested && consecutiveFailures == 0)) {
        remaining = wake.awaitNanos(remaining);
      }
      wakeRequested = false;
      return !stopping;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      signalLock.unlock();
    }
  }

  private long backoffNanos(int failures) {
    long max = settings.maxBackoff().toNanos();
    long interval = settings.flushInterval().toNanos();
    int doublings = Math.min(failures - 1, 40);
    return interval > (max >> doublings) ? max : interval << doublings;
  }

  private void nudgeIfFull() {
    int max = settings.maxBatchSize();
    if (pending.agentCount() >= max || pending.eventCount() >= max) {
      signalLock.lock();
      try {
        wakeRequested = true;
        wake.signal();
      } finally {
        signalLock.unlock();
      }
    }
  }

  /** Keeps a direct write ordered after the deletes and renames queued before it. */
  private void writePendingOps() {
    if (pending.opCount() > 0) {
      writeAll();
    }
  }

  /** Caller holds {@link #writeLock}. */
  private void writeAll() {
    try {
      while (true) {
        PendingWrites.Batch batch = pending.take(settings.maxBatchSize());
        try {
          if (batch.isEmpty()) {
            break;
          }
          write(batch);
        } finally {
          pending.finish();
        }
      }
    } catch (RuntimeException | Error e) {
      // an Error too: out of memory while building a batch must not end the writer for good
      throw failed(e);
    }
    consecutiveFailures = 0;
    Instant since = stats.recovered();
    if (since != null) {
      Duration outage = Duration.between(since, clock.instant());
      log.info("Store {} is available again after {}", store.describe(), outage);
      try {
        listener.storeAvailable(outage);
      } catch (RuntimeException e) {
        log.warn("Store listener failed", e);
      }
    }
  }

  private void write(PendingWrites.Batch batch) {
    long start = System.nanoTime();
    for (PendingWrites.Op op : batch.ops()) {
      switch (op) {
        case PendingWrites.Delete d -> store.deleteAgent(d.uid());
        case PendingWrites.Rename r -> store.renameAgent(r.from(), r.to());
      }
      pending.opWritten();
    }
    store.saveAgents(batch.agents(), batch.approvals());
    pending.agentsWritten(batch.agents());
    pending.approvalsWritten(batch.approvals());
    events.appendEvents(batch.events());
    pending.eventsWritten();
    stats.written(batch.agents().size(), batch.events().size(), System.nanoTime() - start);
  }

  private StoreException failed(Throwable e) {
    consecutiveFailures++;
    StoreException cause =
        e instanceof StoreException se
            ? se
            : new StoreException("writing a batch to " + store.describe() + ": " + e, e);
    if (stats.failed(clock.instant(), cause.getMessage())) {
      StoreMetrics m = metrics();
      if (e instanceof StoreException) {
        log.warn(
            "Store unavailable: {}. Keeping {} agent snapshots, {} events and {} deletes/renames"
                + " in memory; retrying, at most {} ms apart",
            cause.getMessage(),
            m.pendingAgents(),
            m.pendingEvents(),
            m.pendingOps(),
            settings.maxBackoff().toMillis());
      } else {
        log.error("Store writer failed; keeping pending writes and retrying", e);
      }
      try {
        listener.storeUnavailable(cause);
      } catch (RuntimeException listenerFailure) {
        log.warn("Store listener failed", listenerFailure);
      }
    } else {
      log.debug("Store still unavailable: {}", cause.getMessage());
    }
    return cause;
  }
}
