package dev.flotilla.server.commands;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;

/**
 * A command for one agent that survives server restarts until it is delivered.
 *
 * @param id store-assigned; 0 until stored
 * @param kind {@link #RESTART} (the spec's ServerToAgentCommand) or {@link #CUSTOM} (a
 *     CustomMessage for one of the agent's custom capabilities)
 * @param capability for custom commands, the custom capability (reverse FQDN)
 * @param type for custom commands, the CustomMessage type
 * @param data for custom commands, the CustomMessage payload
 * @param status {@link #QUEUED} until handed to a transport, then {@link #SENT}; {@link
 *     #ACKNOWLEDGED} once the agent's reply shows it took effect; {@link #FAILED} when it cannot be
 *     delivered
 */
public record QueuedCommand(
    long id,
    InstanceUid instanceUid,
    String kind,
    String capability,
    String type,
    byte[] data,
    String status,
    Instant createdAt,
    Instant updatedAt,
    String error) {

  public static final String RESTART = "restart";
  public static final String CUSTOM = "custom";
  public static final String QUEUED = "queued";
  public static final String SENT = "sent";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String FAILED = "failed";

  public QueuedCommand withStatus(String newStatus, Instant at, String newError) {
    return new QueuedCommand(
        id, instanceUid, kind, capability, type, data, newStatus, createdAt, at, newError);
  }

  public QueuedCommand withId(long newId) {
    return new QueuedCommand(
        newId, instanceUid, kind, capability, type, data, status, createdAt, updatedAt, error);
  }
}
