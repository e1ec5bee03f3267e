package dev.flotilla.supervisor.opamp;

import com.google.protobuf.Message;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.ConnectionSettingsStatus;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's current status, part by part, and what of it the server has already received: a
 * message carries only the parts that changed since they were last sent (status compression).
 * Confined to the client's loop thread.
 */
final class StatusReport {

  private final Map<StatusPart, Message> current = new EnumMap<>(StatusPart.class);
  private final Map<StatusPart, Message> sent = new EnumMap<>(StatusPart.class);
  private final Map<StatusPart, Message> inFlight = new EnumMap<>(StatusPart.class);

  void set(StatusPart part, Message value) {
    current.put(part, value);
  }

  /** Forget what was sent, so the next message carries everything (ReportFullState, new uid). */
  void resend() {
    sent.clear();
  }

  /** Adds the changed parts to {@code message}; returns whether there were any. */
  boolean addChanges(AgentToServer.Builder message) {
    inFlight.clear();
    current.forEach(
        (part, value) -> {
          if (!Objects.equals(value, sent.get(part))) {
            inFlight.put(part, value);
            switch (part) {
              case DESCRIPTION -> message.setAgentDescription((AgentDescription) value);
              case HEALTH -> message.setHealth((ComponentHealth) value);
              case EFFECTIVE_CONFIG -> message.setEffectiveConfig((EffectiveConfig) value);
              case REMOTE_CONFIG_STATUS ->
                  message.setRemoteConfigStatus((RemoteConfigStatus) value);
              case CUSTOM_CAPABILITIES -> message.setCustomCapabilities((CustomCapabilities) value);
              case AVAILABLE_COMPONENTS ->
                  message.setAvailableComponents((AvailableComponents) value);
              case CONNECTION_SETTINGS_STATUS ->
                  message.setConnectionSettingsStatus((ConnectionSettingsStatus) value);
            }
          }
        });
    return !inFlight.isEmpty();
  }

  /** The message built by the last {@link #addChanges} reached the server. */
  void delivered() {
    sent.putAll(inFlight);
    inFlight.clear();
  }
}
