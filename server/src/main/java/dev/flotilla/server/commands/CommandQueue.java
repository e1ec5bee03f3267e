package dev.flotilla.server.commands;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.FleetStore;
import dev.flotilla.server.store.StoreException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands waiting for their agent. Written through to the store at once (an operator's command
 * must survive a restart); delivery state is kept in memory for the protocol's hot path.
 */
public final class CommandQueue {
  private static final Logger log = LoggerFactory.getLogger(CommandQueue.class);

  private final FleetStore store;
  private final Clock clock;
  private final ConcurrentHashMap<InstanceUid, Deque<QueuedCommand>> queued =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InstanceUid, List<QueuedCommand>> awaitingAck =
      new ConcurrentHashMap<>();

  public CommandQueue(FleetStore store, Clock clock) {
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
      q.forEach(
          c ->
              moved.add(
                  new QueuedCommand(
                      c.id(),
                      to,
                      c.kind(),
                      c.capability(),
                      c.type(),
                      c.data(),
                      c.status(),
                      c.createdAt(),
                      c.updatedAt(),
                      c.error())));
      queued.put(to, moved);
    }
    awaitingAck.remove(from);
  }

  private void remove(QueuedCommand command) {
    Deque<QueuedCommand> q = queued.get(command.instanceUid());
    if (q != null) {
      synchronized (q) {
        q.removeIf(c -> c.id() == command.id());
      }
    }
  }

  private void save(QueuedCommand command) {
    try {
      store.updateCommand(command);
    } catch (StoreException e) {
      // Delivery already happened; only the recorded status is stale until the next update.
      log.warn(
          "could not record command {} as {}: {}", command.id(), command.status(), e.getMessage());
    }
  }
}
