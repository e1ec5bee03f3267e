package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of an agent's history.
 *
 * @param id store-assigned, increasing; 0 until stored
 * @param type one of the constants below
 * @param message one human-readable line
 * @param details small string facts (old/new status, hash, command id, ...)
 */
public record AgentEvent(
    long id,
    InstanceUid instanceUid,
    Instant time,
    String type,
    String message,
    Map<String, String> details) {

  public static final String CONNECTED = "connected";
  public static final String DISCONNECTED = "disconnected";
  public static final String HEALTH_CHANGED = "health_changed";
  public static final String RESTARTED = "restarted";
  public static final String CONFIG_STATUS_CHANGED = "config_status_changed";
  public static final String REMOTE_CONFIG_SET = "remote_config_set";
  public static final String COMMAND_SENT = "command_sent";
  public static final String COMMAND_ACKNOWLEDGED = "command_acknowledged";
  public static final String LABELS_CHANGED = "labels_changed";
  public static final String INSTANCE_UID_CHANGED = "instance_uid_changed";
  public static final String DESCRIPTION_CHANGED = "description_changed";
  public static final String APPROVAL_CHANGED = "approval_changed";
  public static final String EFFECTIVE_CONFIG_REFUSED = "effective_config_refused";

  public AgentEvent {
    details = Map.copyOf(details);
  }

  public static AgentEvent of(
      InstanceUid uid, Instant time, String type, String message, Map<String, String> details) {
    return new AgentEvent(0, uid, time, type, message, details);
  }
}
