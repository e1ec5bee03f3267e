package dev.flotilla.server.configs;

import dev.flotilla.fleet.AgentConfigHistory;
import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;

/**
 * A config version given to one agent; the newest per agent is its desired config.
 *
 * @param id store id; 0 before it is stored
 * @param outcome {@code pending}, {@code applied}, {@code failed}, {@code replaced} or {@code
 *     timed_out}
 */
public record Assignment(
    long id,
    InstanceUid instanceUid,
    String name,
    int version,
    String hash,
    String rolloutId,
    String assignedBy,
    Instant assignedAt,
    String outcome,
    String message,
    Instant outcomeAt) {

  public static final String PENDING = "pending";
  public static final String APPLIED = "applied";
  public static final String FAILED = "failed";
  public static final String REPLACED = "replaced";
  public static final String TIMED_OUT = "timed_out";

  public Assignment withId(long newId) {
    return new Assignment(
        newId,
        instanceUid,
        name,
        version,
        hash,
        rolloutId,
        assignedBy,
        assignedAt,
        outcome,
        message,
        outcomeAt);
  }

  public Assignment withOutcome(String newOutcome, String newMessage, Instant at) {
    return new Assignment(
        id,
        instanceUid,
        name,
        version,
        hash,
        rolloutId,
        assignedBy,
        assignedAt,
        newOutcome,
        newMessage,
        at);
  }

  public String label() {
    return name + "@" + version;
  }

  AgentConfigHistory view() {
    return new AgentConfigHistory(
        name, version, hash, rolloutId, assignedBy, assignedAt, outcome, message, outcomeAt);
  }
}
