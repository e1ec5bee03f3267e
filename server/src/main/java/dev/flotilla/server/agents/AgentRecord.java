package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable snapshot of one agent: what the store persists and what the API shows. Protocol
 * parts are the generated messages themselves; a part the agent never reported is its default
 * instance, never null.
 *
 * @param sequenceNum the last {@code sequence_num} received
 * @param capabilities the agent's AgentCapabilities bits
 * @param labels server-set labels (never reported by the agent)
 * @param remoteConfig the config the server wants the agent to run; default instance when none
 * @param connection null for an agent that never connected (e.g. pre-registered)
 * @param firstSeen when the server first heard of the agent
 * @param version bumped on every change, so the store writer can tell a newer snapshot
 */
public record AgentRecord(
    InstanceUid instanceUid,
    long sequenceNum,
    long capabilities,
    AgentDescription description,
    ComponentHealth health,
    EffectiveConfig effectiveConfig,
    RemoteConfigStatus remoteConfigStatus,
    CustomCapabilities customCapabilities,
    AvailableComponents availableComponents,
    Map<String, String> labels,
    AgentRemoteConfig remoteConfig,
    Connection connection,
    Instant firstSeen,
    long version) {

  public AgentRecord {
    labels = Map.copyOf(labels);
  }

  /** A record for an agent heard of for the first time. */
  public static AgentRecord newAgent(InstanceUid uid, Instant now) {
    return new AgentRecord(
        uid,
        0,
        0,
        AgentDescription.getDefaultInstance(),
        ComponentHealth.getDefaultInstance(),
        EffectiveConfig.getDefaultInstance(),
        RemoteConfigStatus.getDefaultInstance(),
        CustomCapabilities.getDefaultInstance(),
        AvailableComponents.getDefaultInstance(),
        Map.of(),
        AgentRemoteConfig.getDefaultInstance(),
        null,
        now,
        0);
  }
}
