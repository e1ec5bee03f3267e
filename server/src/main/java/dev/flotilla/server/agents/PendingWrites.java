package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the store writer has not written yet, and the batch it is writing.
 *
 * <p>Thread-safe: producers add while the writer thread writes a batch taken earlier; nothing is
 * removed until the store confirmed it. Deletes and renames take effect on the pending data at once
 * (a deleted agent's queued snapshot and events are dropped, a renamed agent's move to the new uid)
 * and are themselves written before any agent or event of the same batch, so whatever is pending
 * always belongs after every pending delete or rename. Events of the batch in flight are frozen: a
 * delete or rename arriving meanwhile reaches them through the database (it is written after them),
 * or, if the batch fails, is applied to them when they are handed back.
 */
final class PendingWrites {

  sealed interface Op {}

  record Delete(InstanceUid uid) implements Op {}

  record Rename(InstanceUid from, InstanceUid to) implements Op {}

  /**
   * @param approvals every pending approval decision, whatever the batch size: they are few, and
   *     each goes in the same transaction as (or before) the row of its agent
   */
  record Batch(
      List<Op> ops,
      List<AgentRecord> agents,
      List<AgentStore.Approval> approvals,
      List<AgentEvent> events) {
    boolean isEmpty() {
      return ops.isEmpty() && agents.isEmpty() && approvals.isEmpty() && events.isEmpty();
    }
  }

  private final int maxPendingEvents;
  // insertion order: the agent dirty for the longest time is written first
  private final LinkedHashMap<InstanceUid, AgentRecord> agents = new LinkedHashMap<>();
  private final LinkedHashMap<InstanceUid, AgentStore.Approval> approvals = new LinkedHashMap<>();
  private final ArrayDeque<AgentEvent> events = new ArrayDeque<>();
  private final ArrayDeque<Op> ops = new ArrayDeque<>();
  // the first `frozenEvents` of `events` belong to the batch in flight
  private int frozenEvents;
  private final List<Op> opsDuringFlight = new ArrayList<>();
  private boolean inFlight;
  private long droppedEvents;

  PendingWrites(int maxPendingEvents) {
    this.maxPendingEvents = maxPendingEvents;
  }

  /** Keeps {@code snapshot} unless a newer version of the agent is already pending. */
  synchronized void agentChanged(AgentRecord snapshot) {
    agents.merge(
        snapshot.instanceUid(), snapshot, (old, neu) -> neu.version() >= old.version() ? neu : old);
  }

  /** Keeps the newest approval decision of the agent. */
  synchronized void approvalChanged(AgentStore.Approval approval) {
    approvals.put(approval.uid(), approval);
  }

  /** The decision was stored directly: a queued one of the agent must not land after it. */
  synchronized void approvalStored(InstanceUid uid) {
    approvals.remove(uid);
  }

  /**
   * Queues an event; when {@code maxPendingEvents} are already waiting (a long outage), the oldest
   * is dropped, or this one while a batch is in flight, and counted.
   */
  synchronized void event(AgentEvent e) {
    if (events.size() >= maxPendingEvents) {
      if (frozenEvents > 0) {
        droppedEvents++;
        return;
      }
      events.pollFirst();
      droppedEvents++;
    }
    events.addLast(e);
  }

  synchronized void agentDeleted(InstanceUid uid) {
    Op op = new Delete(uid);
    addOp(op);
    agents.remove(uid);
    rewriteUnfrozen(op);
  }

  synchronized void agentRenamed(InstanceUid from, InstanceUid to) {
    Op op = new Rename(from, to);
    addOp(op);
    AgentRecord moved = agents.remove(from);
    if (moved != null) {
      // a snapshot already taken under the new uid is the more recent one
      agents.putIfAbsent(to, withUid(moved, to));
    }
    AgentStore.Approval decision = approvals.remove(from);
    if (decision != null) {
      approvals.putIfAbsent(to, new AgentStore.Approval(to, decision.state(), decision.at()));
    }
    rewriteUnfrozen(op);
  }

  /** The store now holds {@code saved}: a pending snapshot that is not newer is redundant. */
  synchronized void agentStored(AgentRecord saved) {
    agents.computeIfPresent(
        saved.instanceUid(), (uid, p) -> p.version() <= saved.version() ? null : p);
  }

  /**
   * The agent is gone from the store: drops its pending snapshot and events. Only between batches,
   * with no delete or rename pending.
   */
  synchronized void agentGone(InstanceUid uid) {
    agents.remove(uid);
    rewriteUnfrozen(new Delete(uid));
  }

  /** Takes the next batch: every pending delete and rename, and up to {@code max} of the rest. */
  synchronized Batch take(int max) {
    if (inFlight) {
      throw new IllegalStateException("a batch is already in flight");
    }
    inFlight = true;
    List<AgentRecord> agentBatch = agents.values().stream().limit(max).toList();
    List<AgentEvent> eventBatch = events.stream().limit(max).toList();
    frozenEvents = eventBatch.size();
    return new Batch(List.copyOf(ops), agentBatch, List.copyOf(approvals.values()), eventBatch);
  }

  /** The first op of the batch in flight is stored. */
  synchronized void opWritten() {
    ops.pollFirst();
  }

  /** These snapshots are stored; those replaced by a newer one meanwhile stay pending. */
  synchronized void agentsWritten(List<AgentRecord> written) {
    for (AgentRecord a : written) {
      // identity: only the very snapshot that was written, not a newer one that replaced it
      agents.computeIfPresent(a.instanceUid(), (uid, pending) -> pending == a ? null : pending);
    }
  }

  /** These decisions are stored; one replaced meanwhile stays pending. */
  synchronized void approvalsWritten(List<AgentStore.Approval> written) {
    for (AgentStore.Approval a : written) {
      approvals.computeIfPresent(a.uid(), (uid, pending) -> pending == a ? null : pending);
    }
  }

  /** The frozen events are stored. */
  synchronized void eventsWritten() {
    for (int i = 0; i < frozenEvents; i++) {
      events.pollFirst();
    }
    frozenEvents = 0;
  }

  /** Ends the batch in flight, written or not; what was not written stays pending. */
  synchronized void finish() {
    if (frozenEvents > 0) {
      int frozen = frozenEvents;
      frozenEvents = 0;
      List<AgentEvent> all = new ArrayList<>(events);
      for (Op op : opsDuringFlight) {
        for (int i = 0; i < frozen && i < all.size(); i++) {
          all.set(i, rewrite(op, all.get(i)));
        }
      }
      events.clear();
      for (AgentEvent e : all) {
        if (e != null) {
          events.addLast(e);
        }
      }
    }
    opsDuringFlight.clear();
    inFlight = false;
  }

  synchronized int agentCount() {
    return agents.size();
  }

  synchronized int eventCount() {
    return events.size();
  }

  synchronized int opCount() {
    return ops.size();
  }

  synchronized long droppedEvents() {
    return droppedEvents;
  }

  synchronized int approvalCount() {
    return approvals.size();
  }

  synchronized boolean isEmpty() {
    return agents.isEmpty() && events.isEmpty() && ops.isEmpty() && approvals.isEmpty();
  }

  private void addOp(Op op) {
    ops.addLast(op);
    if (inFlight) {
      opsDuringFlight.add(op);
    }
  }

  /** Applies {@code op} to the pending events that are not in flight. */
  private void rewriteUnfrozen(Op op) {
    Iterator<AgentEvent> it = events.iterator();
    List<AgentEvent> kept = new ArrayList<>(events.size());
    for (int i = 0; it.hasNext(); i++) {
      AgentEvent e = it.next();
      AgentEvent r = i < frozenEvents ? e : rewrite(op, e);
      if (r != null) {
        kept.add(r);
      }
    }
    events.clear();
    events.addAll(kept);
  }

  /** The event as it should be written after {@code op}; null when it should be dropped. */
  private static AgentEvent rewrite(Op op, AgentEvent e) {
    if (e == null) {
      return null;
    }
    return switch (op) {
      case Delete d -> d.uid().equals(e.instanceUid()) ? null : e;
      case Rename r ->
          r.from().equals(e.instanceUid())
              ? new AgentEvent(e.id(), r.to(), e.time(), e.type(), e.message(), e.details())
              : e;
    };
  }

  private static AgentRecord withUid(AgentRecord a, InstanceUid uid) {
    return a.toBuilder().instanceUid(uid).build();
  }
}
