package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsHealth;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.RemoteConfigStatusNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds one status report into an agent's record. Absent parts mean "unchanged" (status
 * compression), never "cleared".
 */
final class StatusMerge {
  private StatusMerge() {}

  /**
   * @param record the agent's record with the new status parts
   * @param events what changed, for the history
   * @param significant whether anything beyond sequence number and last-seen changed
   * @param restarted the agent's start time changed (it restarted)
   */
  record Result(
      AgentRecord record, List<AgentEvent> events, boolean significant, boolean restarted) {}

  /**
   * @param maxEffectiveConfigBytes a reported effective config larger than this (all files) is not
   *     kept: the record keeps the one before, and an event says why
   */
  static Result merge(
      AgentRecord before,
      AgentToServer msg,
      boolean firstContact,
      Instant now,
      long maxEffectiveConfigBytes) {
    AgentRecord.Builder b =
        before.toBuilder().sequenceNum(msg.getSequenceNum()).capabilities(msg.getCapabilities());
    List<AgentEvent> events = new ArrayList<>();
    boolean significant = firstContact || before.capabilities() != msg.getCapabilities();
    boolean restarted = false;
    var uid = before.instanceUid();

    if (msg.hasAgentDescription() && !msg.getAgentDescription().equals(before.description())) {
      b.description(msg.getAgentDescription());
      significant = true;
      if (!firstContact && before.description().getSerializedSize() > 0) {
        events.add(
            AgentEvent.of(
                uid, now, AgentEvent.DESCRIPTION_CHANGED, "agent description changed", Map.of()));
      }
    }
    if (msg.hasHealth() && !msg.getHealth().equals(before.health())) {
      ComponentHealth old = before.health();
      ComponentHealth now0 = msg.getHealth();
      b.health(now0);
      significant |= !sameHealthIgnoringTimes(old, now0);
      boolean hadHealth = old.getSerializedSize() > 0;
      if (!hadHealth || old.getHealthy() != now0.getHealthy()) {
        significant = true;
        String text = now0.getHealthy() ? "healthy" : "unhealthy";
        if (!now0.getLastError().isEmpty()) {
          text += ": " + now0.getLastError();
        }
        events.add(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.HEALTH_CHANGED,
                text,
                Map.of("healthy", Boolean.toString(now0.getHealthy()))));
      }
      if (hadHealth
          && old.getStartTimeUnixNano() != 0
          && now0.getStartTimeUnixNano() != 0
          && old.getStartTimeUnixNano() != now0.getStartTimeUnixNano()) {
        restarted = true;
        significant = true;
        events.add(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.RESTARTED,
                "agent restarted",
                Map.of("startTimeUnixNano", Long.toUnsignedString(now0.getStartTimeUnixNano()))));
      }
    }
    if (msg.hasEffectiveConfig()
        && Capabilities.has(msg.getCapabilities(), AgentCapabilities_ReportsEffectiveConfig)
        && !msg.getEffectiveConfig().equals(before.effectiveConfig())) {
      int size = msg.getEffectiveConfig().getSerializedSize();
      if (size > maxEffectiveConfigBytes) {
        events.add(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.EFFECTIVE_CONFIG_REFUSED,
                "effective config of "
                    + size
                    + " bytes not kept: over the server's limit of "
                    + maxEffectiveConfigBytes
                    + " bytes (max-effective-config-bytes)",
                Map.of("bytes", Integer.toString(size))));
        significant = true;
      } else {
        b.effectiveConfig(msg.getEffectiveConfig());
        significant = true;
      }
    }
    if (msg.hasRemoteConfigStatus()
        && !msg.getRemoteConfigStatus().equals(before.remoteConfigStatus())) {
      RemoteConfigStatus s = msg.getRemoteConfigStatus();
      b.remoteConfigStatus(s);
      significant = true;
      RemoteConfigStatus old = before.remoteConfigStatus();
      if (old.getStatus() != s.getStatus()
          || !old.getLastRemoteConfigHash().equals(s.getLastRemoteConfigHash())) {
        String status = RemoteConfigStatusNames.of(s.getStatus());
        String text = "remote config " + status;
        if (!s.getErrorMessage().isEmpty()) {
          text += ": " + s.getErrorMessage();
        }
        events.add(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.CONFIG_STATUS_CHANGED,
                text,
                Map.of("status", status, "hash", ConfigHash.hex(s.getLastRemoteConfigHash()))));
      }
    }
    if (msg.hasCustomCapabilities()
        && !msg.getCustomCapabilities().equals(before.customCapabilities())) {
      b.customCapabilities(msg.getCustomCapabilities());
      significant = true;
    }
    if (msg.hasAvailableComponents()
        && msg.getAvailableComponents().getComponentsCount() > 0
        && !msg.getAvailableComponents().equals(before.availableComponents())) {
      b.availableComponents(msg.getAvailableComponents());
      significant = true;
    }
    return new Result(b.build(), events, significant, restarted);
  }

  /**
   * Whether the message carries everything its capabilities promise, so that no ReportFullState is
   * needed even for an agent the server does not know.
   */
  static boolean isComplete(AgentToServer msg) {
    long caps = msg.getCapabilities();
    return msg.hasAgentDescription()
        && (!Capabilities.has(caps, AgentCapabilities_ReportsHealth) || msg.hasHealth())
        && (!Capabilities.has(caps, AgentCapabilities_ReportsEffectiveConfig)
            || msg.hasEffectiveConfig())
        && (!Capabilities.has(caps, AgentCapabilities_ReportsRemoteConfig)
            || msg.hasRemoteConfigStatus());
  }

  private static boolean sameHealthIgnoringTimes(ComponentHealth a, ComponentHealth b) {
    return stripTimes(a).equals(stripTimes(b));
  }

  private static ComponentHealth stripTimes(ComponentHealth h) {
    ComponentHealth.Builder b = h.toBuilder().clearStatusTimeUnixNano();
    b.clearComponentHealthMap();
    h.getComponentHealthMapMap().forEach((k, v) -> b.putComponentHealthMap(k, stripTimes(v)));
    return b.build();
  }
}
