package dev.flotilla.server.commands;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.StoreException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands waiting for their agent. Written through to the store at once (an operator's command
 * must survive a restart); delivery state is kept in memory for the protocol's hot path and stored
 * by a background thread, so that no OpAMP reply waits for the database.
 */
public final class CommandQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandQueue.class);

  private final CommandStore store;
  private final Clock clock;
  private final ConcurrentHashMap<InstanceUid, Deque<QueuedCommand>> queued =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InstanceUid, List<QueuedCommand>> awaitingAck =
      new ConcurrentHashMap<>();
  private final Map<Long, QueuedCommand> unsaved = new ConcurrentHashMap<>();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  private final ExecutorService statusWriter =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("flotilla-command-status").daemon(true).unstarted(r));

  public CommandQueue(CommandStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Loads undelivered commands at start-up. */
  public void load() {
    for (QueuedCommand c : store.pendingCommands()) {
      queued.computeIfAbsent(c.instanceUid(), k -> new ArrayDeque<>()).add(c);
    }
  }

  /**
   * Stores and queues a command.
   *
   * @throws FleetException UNAVAILABLE when the store cannot take it
   */
  public QueuedCommand enqueue(
      InstanceUid uid, String kind, String capability, String type, byte[] data) {
    var now = clock.instant();
    QueuedCommand command =
        new QueuedCommand(
            0, uid, kind, capability, type, data, QueuedCommand.QUEUED, now, now, null);
    try {
      command = store.insertCommand(command);
    } catch (StoreException e) {
      throw new FleetException(
          FleetException.Kind.UNAVAILABLE, "cannot queue the command: " + e.getMessage(), e);
    }
    Deque<QueuedCommand> q = queued.computeIfAbsent(uid, k -> new ArrayDeque<>());
    synchronized (q) {
      q.add(command);
    }
    return command;
  }

  /** The oldest queued command for this agent, or null. */
  public QueuedCommand peek(InstanceUid uid) {
    Deque<QueuedCommand> q = queued.get(uid);
    if (q == null) {
      return null;
    }
    synchronized (q) {
      return q.peekFirst();
    }
  }

  /** The command was handed to a transport. */
  public void sent(QueuedCommand command) {
    remove(command);
    QueuedCommand sent = command.withStatus(QueuedCommand.SENT, clock.instant(), null);
    awaitingAck.computeIfAbsent(command.instanceUid(), k -> new ArrayList<>()).add(sent);
    save(sent);
  }

  /** The command cannot be delivered (e.g. the agent lacks the capability). */
  public void failed(QueuedCommand command, String reason) {
    remove(command);
    save(command.withStatus(QueuedCommand.FAILED, clock.instant(), reason));
  }

  /**
   * Marks sent commands of this kind (and capability, for custom ones) as acknowledged.
   *
   * @return the acknowledged commands
   */
  public List<QueuedCommand> acknowledge(InstanceUid uid, String kind, String capability) {
    List<QueuedCommand> waiting = awaitingAck.get(uid);
    if (waiting == null) {
      return List.of();
    }
    List<QueuedCommand> done = new ArrayList<>();
    synchronized (waiting) {
      waiting.removeIf(
          c -> {
            boolean match =
                c.kind().equals(kind) && (capability == null || capability.equals(c.capability()));
            if (match) {
              done.add(c.withStatus(QueuedCommand.ACKNOWLEDGED, clock.instant(), null));
            }
            return match;
          });
    }
    done.forEach(this::save);
    return done;
  }

  public void forget(InstanceUid uid) {
    queued.remove(uid);
    awaitingAck.remove(uid);
  }

  public void rename(InstanceUid from, InstanceUid to) {
    Deque<QueuedCommand> q = queued.remove(from);
    if (q != null) {
      Deque<QueuedCommand> moved = new ArrayDeque<>();
      q.forEach(c -> moved.add(movedTo(c, to)));
      queued.put(to, moved);
    }
    awaitingAck.remove(from);
    // a status still to be written must not move the command back to the old uid
    unsaved.replaceAll((id, c) -> c.instanceUid().equals(from) ? movedTo(c, to) : c);
  }

  private static QueuedCommand movedTo(QueuedCommand c, InstanceUid to) {
    return new QueuedCommand(
        c.id(),
        to,
        c.kind(),
        c.capability(),
        c.type(),
        c.data(),
        c.status(),
        c.createdAt(),
        c.updatedAt(),
        c.error());
  }

  private void remove(QueuedCommand command) {
    Deque<QueuedCommand> q = queued.get(command.instanceUid());
    if (q != null) {
      synchronized (q) {
        q.removeIf(c -> c.id() == command.id());
      }
    }
  }

  /**
   * Records a status change off the message path: the agent's reply must not wait for the store.
   * The newest status of each command wins; a refused write is retried by {@link #retryUnsaved}.
   */
  private void save(QueuedCommand command) {
    unsaved.put(command.id(), command);
    scheduleWrite();
  }

  /** Writes status changes the store refused earlier; called periodically. */
  public void retryUnsaved() {
    if (!unsaved.isEmpty()) {
      scheduleWrite();
    }
  }

  /** Waits until the status changes made so far were offered to the store (before reading it). */
  public void flushStatuses() {
    try {
      statusWriter.submit(this::writeUnsaved).get(30, TimeUnit.SECONDS);
    } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
      log.debug("command statuses not flushed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The stored command after the status changes made so far, or {@code fallback} when the store has
   * none.
   */
  public QueuedCommand stored(QueuedCommand fallback) {
    flushStatuses();
    return store.command(fallback.id()).orElse(fallback);
  }

  /** The agent's stored commands, newest first, after the status changes made so far. */
  public List<QueuedCommand> history(InstanceUid uid, int limit) {
    flushStatuses();
    return store.commands(uid, limit);
  }

  /** Stops the status writer after one last attempt to store what is unsaved. */
  @Override
  public void close() {
    statusWriter.shutdown();
    try {
      statusWriter.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeUnsaved();
    if (!unsaved.isEmpty()) {
      log.warn("closing with {} command status change(s) not stored", unsaved.size());
    }
  }

  private void scheduleWrite() {
    if (writeScheduled.compareAndSet(false, true)) {
      try {
        statusWriter.execute(
            () -> {
              writeScheduled.set(false);
              writeUnsaved();
            });
      } catch (RejectedExecutionException e) {
        writeScheduled.set(false); // closing: close() makes the last attempt
      }
    }
  }

  /** Runs on the status writer thread (or in close, after it stopped). */
  private void writeUnsaved() {
    for (QueuedCommand command : List.copyOf(unsaved.values())) {
      try {
        store.updateCommand(command);
        unsaved.remove(command.id(), command);
      } catch (StoreException e) {
        // Delivery already happened; only the recorded status is stale until a retry succeeds.
        log.warn(
            "could not record command {} as {} yet: {}",
            command.id(),
            command.status(),
            e.getMessage());
        return;
      }
    }
  }
}
