package dev.flotilla.server.rollout;

import dev.flotilla.fleet.RolloutStrategy;
import java.time.Instant;
import java.util.Map;

/**
 * A rollout's own state (its agents are {@link RolloutAgent} rows). Immutable; the engine replaces
 * it on every change and writes it to the store first.
 *
 * @param strategy with defaults filled in
 * @param currentBatch the batch being rolled out (0 is the canary)
 * @param batchDoneAt when every agent of the current batch finished; null while it runs
 * @param acceptedFailures failures an operator accepted by resuming; the budget counts on top
 */
public record Rollout(
    String id,
    String config,
    int version,
    String hash,
    Map<String, String> selector,
    RolloutStrategy strategy,
    String state,
    String reason,
    String rollbackOf,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    int currentBatch,
    Instant batchDoneAt,
    int acceptedFailures) {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String PAUSED = "paused";
  public static final String COMPLETED = "completed";
  public static final String ABORTED = "aborted";
  public static final String ROLLED_BACK = "rolled_back";

  public Rollout {
    selector = Map.copyOf(selector);
  }

  public boolean active() {
    return state.equals(PENDING) || state.equals(RUNNING) || state.equals(PAUSED);
  }

  Rollout withState(String newState, String newReason, Instant at) {
    return new Rollout(
        id,
        config,
        version,
        hash,
        selector,
        strategy,
        newState,
        newReason,
        rollbackOf,
        createdBy,
        createdAt,
        at,
        currentBatch,
        batchDoneAt,
        acceptedFailures);
  }

  Rollout withBatch(int batch, Instant doneAt, Instant at) {
    return new Rollout(
        id,
        config,
        version,
        hash,
        selector,
        strategy,
        state,
        reason,
        rollbackOf,
        createdBy,
        createdAt,
        at,
        batch,
        doneAt,
        acceptedFailures);
  }

  Rollout withAcceptedFailures(int n) {
    return new Rollout(
        id,
        config,
        version,
        hash,
        selector,
        strategy,
        state,
        reason,
        rollbackOf,
        createdBy,
        createdAt,
        updatedAt,
        currentBatch,
        batchDoneAt,
        n);
  }

  /** The refusal of an action this rollout's state does not allow. */
  dev.flotilla.fleet.FleetException cannotBe(String what) {
    return new dev.flotilla.fleet.FleetException(
        dev.flotilla.fleet.FleetException.Kind.CONFLICT,
        "rollout " + id + " is " + state + " and cannot be " + what);
  }
}
