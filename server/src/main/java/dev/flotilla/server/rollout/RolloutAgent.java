package dev.flotilla.server.rollout;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;

/**
 * One agent of a rollout and where it is.
 *
 * @param state {@code pending}, {@code offered}, {@code applied}, {@code healthy}, {@code failed},
 *     {@code timed_out} or {@code skipped}
 * @param targetName the version this agent gets (a rollback gives each agent its own)
 * @param previousName what the agent had been given before, null when nothing
 * @param healthySince since when it reports APPLIED and healthy; null otherwise
 */
public record RolloutAgent(
    String rolloutId,
    InstanceUid instanceUid,
    int batch,
    String state,
    String message,
    String targetName,
    int targetVersion,
    String targetHash,
    String previousName,
    Integer previousVersion,
    Instant offeredAt,
    Instant healthySince,
    Instant updatedAt) {

  public static final String PENDING = "pending";
  public static final String OFFERED = "offered";
  public static final String APPLIED = "applied";
  public static final String HEALTHY = "healthy";
  public static final String FAILED = "failed";
  public static final String TIMED_OUT = "timed_out";
  public static final String SKIPPED = "skipped";

  boolean finished() {
    return state.equals(HEALTHY)
        || state.equals(FAILED)
        || state.equals(TIMED_OUT)
        || state.equals(SKIPPED);
  }

  boolean failure() {
    return state.equals(FAILED) || state.equals(TIMED_OUT);
  }

  /** Offered at some point: the rollout changed this agent's desired config. */
  boolean changed() {
    return offeredAt != null;
  }

  RolloutAgent with(String newState, String newMessage, Instant at) {
    return new RolloutAgent(
        rolloutId,
        instanceUid,
        batch,
        newState,
        newMessage,
        targetName,
        targetVersion,
        targetHash,
        previousName,
        previousVersion,
        offeredAt,
        healthySince,
        at);
  }

  RolloutAgent offered(String prevName, Integer prevVersion, Instant at) {
    return new RolloutAgent(
        rolloutId,
        instanceUid,
        batch,
        OFFERED,
        null,
        targetName,
        targetVersion,
        targetHash,
        prevName,
        prevVersion,
        at,
        null,
        at);
  }

  RolloutAgent healthySince(Instant since, Instant at) {
    return new RolloutAgent(
        rolloutId,
        instanceUid,
        batch,
        state,
        message,
        targetName,
        targetVersion,
        targetHash,
        previousName,
        previousVersion,
        offeredAt,
        since,
        at);
  }

  String previousLabel() {
    return previousName == null ? null : previousName + "@" + previousVersion;
  }
}
