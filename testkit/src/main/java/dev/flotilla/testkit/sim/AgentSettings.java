package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.ComponentHealth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one simulated agent is set up. The transport follows the endpoint's scheme: {@code ws}/
 * {@code wss} open a WebSocket, {@code http}/{@code https} poll with POSTs every heartbeat
 * interval. Build with {@link #builder(URI, InstanceUid)}; fields that many agents share (headers,
 * listener, behaviour) should be shared instances to keep each agent small.
 *
 * @param health initial health; {@code null} means healthy, started when the agent starts
 * @param heartbeatInterval {@link Duration#ZERO} sends no heartbeats (and, over HTTP, no polls)
 * @param headers sent on every POST and on the WebSocket upgrade, e.g. {@code Authorization}
 * @param receivedLimit how many received {@code ServerToAgent}s are kept for assertions (the
 *     newest); 0 keeps none
 */
public record AgentSettings(
    URI endpoint,
    InstanceUid instanceUid,
    AgentDescription description,
    long capabilities,
    ComponentHealth health,
    AgentConfigMap effectiveConfig,
    Duration heartbeatInterval,
    RemoteConfigBehaviour remoteConfig,
    Duration applyDelay,
    Map<String, String> headers,
    List<String> customCapabilities,
    boolean requestInstanceUid,
    int receivedLimit,
    AgentListener listener) {

  /** What a Flotilla supervisor advertises: status, health, remote and effective config. */
  public static final long SUPERVISOR_CAPABILITIES =
      AgentCapabilities.AgentCapabilities_ReportsStatus_VALUE
          | AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig_VALUE
          | AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig_VALUE
          | AgentCapabilities.AgentCapabilities_ReportsRemoteConfig_VALUE
          | AgentCapabilities.AgentCapabilities_ReportsHealth_VALUE
          | AgentCapabilities.AgentCapabilities_AcceptsRestartCommand_VALUE
          | AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings_VALUE
          | AgentCapabilities.AgentCapabilities_ReportsHeartbeat_VALUE;

  public AgentSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(instanceUid, "instanceUid");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(effectiveConfig, "effectiveConfig");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(remoteConfig, "remoteConfig");
    Objects.requireNonNull(applyDelay, "applyDelay");
    headers = Map.copyOf(headers);
    customCapabilities = List.copyOf(customCapabilities);
    Objects.requireNonNull(listener, "listener");
    String scheme = endpoint.getScheme();
    if (scheme == null || !List.of("ws", "wss", "http", "https").contains(scheme)) {
      throw new IllegalArgumentException(
          "OpAMP endpoint must be a ws, wss, http or https URL: " + endpoint);
    }
    if (heartbeatInterval.isNegative() || applyDelay.isNegative() || receivedLimit < 0) {
      throw new IllegalArgumentException("negative heartbeat interval, apply delay or limit");
    }
  }

  public boolean webSocket() {
    return endpoint.getScheme().startsWith("ws");
  }

  public boolean has(AgentCapabilities capability) {
    return (capabilities & capability.getNumber()) != 0;
  }

  public static Builder builder(URI endpoint, InstanceUid instanceUid) {
    return new Builder(endpoint, instanceUid);
  }

  public Builder toBuilder() {
    Builder b = new Builder(endpoint, instanceUid);
    b.description = description;
    b.capabilities = capabilities;
    b.health = health;
    b.effectiveConfig = effectiveConfig;
    b.heartbeatInterval = heartbeatInterval;
    b.remoteConfig = remoteConfig;
    b.applyDelay = applyDelay;
    b.headers = headers;
    b.customCapabilities = customCapabilities;
    b.requestInstanceUid = requestInstanceUid;
    b.receivedLimit = receivedLimit;
    b.listener = listener;
    return b;
  }

  /** Defaults: a Fluent Bit 4.0.3 on host "sim", supervisor capabilities, 30 s heartbeats. */
  public static final class Builder {
    private URI endpoint;
    private InstanceUid instanceUid;
    private AgentDescription description = AgentDescriptions.fluentBit("4.0.3", "sim");
    private long capabilities = SUPERVISOR_CAPABILITIES;
    private ComponentHealth health;
    private AgentConfigMap effectiveConfig = AgentConfigMap.getDefaultInstance();
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private RemoteConfigBehaviour remoteConfig = RemoteConfigBehaviour.applyAll();
    private Duration applyDelay = Duration.ZERO;
    private Map<String, String> headers = Map.of();
    private List<String> customCapabilities = List.of();
    private boolean requestInstanceUid;
    private int receivedLimit = 1000;
    private AgentListener listener = AgentListener.NONE;

    private Builder(URI endpoint, InstanceUid instanceUid) {
      this.endpoint = endpoint;
      this.instanceUid = instanceUid;
    }

    public Builder endpoint(URI v) {
      endpoint = v;
      return this;
    }

    public Builder instanceUid(InstanceUid v) {
      instanceUid = v;
      return this;
    }

    public Builder description(AgentDescription v) {
      description = v;
      return this;
    }

    public Builder capabilities(long v) {
      capabilities = v;
      return this;
    }

    public Builder health(ComponentHealth v) {
      health = v;
      return this;
    }

    public Builder effectiveConfig(AgentConfigMap v) {
      effectiveConfig = v;
      return this;
    }

    public Builder heartbeatInterval(Duration v) {
      heartbeatInterval = v;
      return this;
    }

    public Builder remoteConfig(RemoteConfigBehaviour v) {
      remoteConfig = v;
      return this;
    }

    public Builder applyDelay(Duration v) {
      applyDelay = v;
      return this;
    }

    public Builder headers(Map<String, String> v) {
      headers = v;
      return this;
    }

    public Builder bearerToken(String token) {
      headers = Map.of("Authorization", "Bearer " + token);
      return this;
    }

    public Builder customCapabilities(List<String> v) {
      customCapabilities = v;
      return this;
    }

    public Builder requestInstanceUid(boolean v) {
      requestInstanceUid = v;
      return this;
    }

    public Builder receivedLimit(int v) {
      receivedLimit = v;
      return this;
    }

    public Builder listener(AgentListener v) {
      listener = v;
      return this;
    }

    public AgentSettings build() {
      return new AgentSettings(
          endpoint,
          instanceUid,
          description,
          capabilities,
          health,
          effectiveConfig,
          heartbeatInterval,
          remoteConfig,
          applyDelay,
          headers,
          customCapabilities,
          requestInstanceUid,
          receivedLimit,
          listener);
    }
  }
}
