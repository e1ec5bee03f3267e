package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agents an operator has not let in: {@link #PENDING} ones are answered but offered nothing;
 * {@link #BLOCKED} ones are refused on both transports. Everything else is {@link #APPROVED}.
 *
 * <p>Every decision reaches the store through the {@link StoreWriter}, in the same transaction as
 * agent rows: a pending mark made on the message path is queued before the new agent's first
 * snapshot, so the agent's row is never stored without it and a crash cannot turn a pending agent
 * into an approved one. An operator's decision is stored before it takes effect.
 */
public final class Approvals {
  public static final String APPROVED = "approved";
  public static final String PENDING = "pending";
  public static final String BLOCKED = "blocked";

  private final ApprovalStore store;
  private final StoreWriter writer;
  private final Map<InstanceUid, String> states = new ConcurrentHashMap<>();

  /**
   * @param store where decisions are read from at start-up
   * @param writer where they are written
   */
  public Approvals(ApprovalStore store, StoreWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  public void load() {
    states.putAll(store.loadApprovals());
  }

  public String state(InstanceUid uid) {
    return states.getOrDefault(uid, APPROVED);
  }

  public boolean isBlocked(InstanceUid uid) {
    return BLOCKED.equals(states.get(uid));
  }

  public boolean isPending(InstanceUid uid) {
    return PENDING.equals(states.get(uid));
  }

  public int pendingCount() {
    return (int) states.values().stream().filter(PENDING::equals).count();
  }

  /**
   * A new agent arrived while approval is manual: it waits. Called on the message path before the
   * agent's entry exists; the mark is queued, not written here: OpAMP replies must not wait for the
   * database.
   */
  public void markPending(InstanceUid uid) {
    if (states.putIfAbsent(uid, PENDING) == null) {
      writer.approvalChanged(uid, PENDING);
    }
  }

  /**
   * An operator's decision, stored first with the events that record it.
   *
   * @return the events with their ids
   * @throws StoreException when the store cannot take it (nothing changed)
   */
  public List<AgentEvent> decide(InstanceUid uid, String state, List<AgentEvent> recorded) {
    List<AgentEvent> stored =
        writer.approvalNow(uid, APPROVED.equals(state) ? null : state, recorded);
    if (APPROVED.equals(state)) {
      states.remove(uid);
    } else {
      states.put(uid, state);
    }
    return stored;
  }

  /** An operator's decision without an event. */
  public void decide(InstanceUid uid, String state) {
    decide(uid, state, List.of());
  }

  /** The agent was forgotten: a pending mark goes with it, a block stays. */
  public void forget(InstanceUid uid) {
    if (states.remove(uid, PENDING)) {
      writer.approvalChanged(uid, null);
    }
  }

  /**
   * The agent moved to a new uid; the store writer moves the stored and queued decision with the
   * agent's row.
   */
  public void rename(InstanceUid from, InstanceUid to) {
    String state = states.remove(from);
    if (state != null) {
      states.put(to, state);
    }
  }
}
