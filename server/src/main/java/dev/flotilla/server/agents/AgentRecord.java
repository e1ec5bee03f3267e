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

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a record with some parts changed. */
  public static final class Builder {
    private InstanceUid instanceUid;
    private long sequenceNum;
    private long capabilities;
    private AgentDescription description;
    private ComponentHealth health;
    private EffectiveConfig effectiveConfig;
    private RemoteConfigStatus remoteConfigStatus;
    private CustomCapabilities customCapabilities;
    private AvailableComponents availableComponents;
    private Map<String, String> labels;
    private AgentRemoteConfig remoteConfig;
    private Connection connection;
    private Instant firstSeen;
    private long version;

    private Builder(AgentRecord r) {
      instanceUid = r.instanceUid;
      sequenceNum = r.sequenceNum;
      capabilities = r.capabilities;
      description = r.description;
      health = r.health;
      effectiveConfig = r.effectiveConfig;
      remoteConfigStatus = r.remoteConfigStatus;
      customCapabilities = r.customCapabilities;
      availableComponents = r.availableComponents;
      labels = r.labels;
      remoteConfig = r.remoteConfig;
      connection = r.connection;
      firstSeen = r.firstSeen;
      version = r.version;
    }

    public Builder instanceUid(InstanceUid v) {
      instanceUid = v;
      return this;
    }

    public Builder sequenceNum(long v) {
      sequenceNum = v;
      return this;
    }

    public Builder capabilities(long v) {
      capabilities = v;
      return this;
    }

    public Builder description(AgentDescription v) {
      description = v;
      return this;
    }

    public Builder health(ComponentHealth v) {
      health = v;
      return this;
    }

    public Builder effectiveConfig(EffectiveConfig v) {
      effectiveConfig = v;
      return this;
    }

    public Builder remoteConfigStatus(RemoteConfigStatus v) {
      remoteConfigStatus = v;
      return this;
    }

    public Builder customCapabilities(CustomCapabilities v) {
      customCapabilities = v;
      return this;
    }

    public Builder availableComponents(AvailableComponents v) {
      availableComponents = v;
      return this;
    }

    public Builder labels(Map<String, String> v) {
      labels = v;
      return this;
    }

    public Builder remoteConfig(AgentRemoteConfig v) {
      remoteConfig = v;
      return this;
    }

    public Builder connection(Connection v) {
      connection = v;
      return this;
    }

    public Builder version(long v) {
      version = v;
      return this;
    }

    public AgentRecord build() {
      return new AgentRecord(
          instanceUid,
          sequenceNum,
          capabilities,
          description,
          health,
          effectiveConfig,
          remoteConfigStatus,
          customCapabilities,
          availableComponents,
          labels,
          remoteConfig,
          connection,
          firstSeen,
          version);
    }
  }
}
