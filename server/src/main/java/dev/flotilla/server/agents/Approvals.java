package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.StoreException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agents an operator has not let in: {@link #PENDING} ones are answered but offered nothing;
 * {@link #BLOCKED} ones are refused on both transports. Everything else is {@link #APPROVED}.
 * Decisions are stored before they take effect; a pending mark made on the message path is retried
 * until the store takes it, so a restart cannot turn a pending agent into an approved one.
 */
public final class Approvals {
  public static final String APPROVED = "approved";
  public static final String PENDING = "pending";
  public static final String BLOCKED = "blocked";

  private final ApprovalStore store;
  private final Clock clock;
  private final Map<InstanceUid, String> states = new ConcurrentHashMap<>();
  private final Map<InstanceUid, String> unsaved = new ConcurrentHashMap<>();

  public Approvals(ApprovalStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
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
   * A new agent arrived while approval is manual: it waits. Called on the message path, so the mark
   * is stored by the next {@link #retryUnsaved} tick, never here: OpAMP replies must not wait for
   * the database.
   */
  public void markPending(InstanceUid uid) {
    if (states.putIfAbsent(uid, PENDING) == null) {
      unsaved.put(uid, PENDING);
    }
  }

  /**
   * An operator's decision; stored first.
   *
   * @throws StoreException when the store cannot take it (nothing changed)
   */
  public void decide(InstanceUid uid, String state) {
    store.saveApproval(uid, APPROVED.equals(state) ? null : state, clock.instant());
    unsaved.remove(uid);
    if (APPROVED.equals(state)) {
      states.remove(uid);
    } else {
      states.put(uid, state);
    }
  }

  /** The agent was forgotten: a pending mark goes with it, a block stays. */
  public void forget(InstanceUid uid) {
    if (states.remove(uid, PENDING)) {
      unsaved.put(uid, "");
    }
  }

  public void rename(InstanceUid from, InstanceUid to) {
    String state = states.remove(from);
    if (state != null) {
      states.put(to, state);
    }
  }

  /** Writes marks not stored yet; called about once a second. */
  public void retryUnsaved() {
    unsaved.forEach(
        (uid, state) -> {
          try {
            store.saveApproval(uid, state.isEmpty() ? null : state, clock.instant());
            unsaved.remove(uid, state);
          } catch (StoreException e) {
            // still down; try again on the next tick
          }
        });
  }
}
