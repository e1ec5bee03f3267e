package dev.flotilla.testkit.sim;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerErrorResponse;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real OpAMP agent without a real Fluent Bit or Fluentd behind it: it reports a description,
 * health and effective config, applies (or refuses) remote configs, restarts on command, sends
 * heartbeats (over HTTP they are its polls) and reconnects with backoff after a drop.
 *
 * <p>It owns no thread: timers run on the {@link SimEnvironment}'s scheduler and I/O on its HTTP
 * client, so many thousands can share one environment. State changes are coalesced: whatever
 * changed while a message was on the wire goes out in the next one.
 *
 * <p>Thread-safe. Mutators ({@link #health(ComponentHealth)}, {@link #restart()}, ...) report the
 * change to the server at once.
 */
public final class SimulatedAgent implements AutoCloseable {
  private final AgentSettings settings;
  private final SimEnvironment env;
  private final AgentState state;
  private final ReceivedLog received;
  private final AgentConnection connection;

  // guarded by this
  private ByteString lastOfferedHash = ByteString.EMPTY;
  private ByteString lastAppliedHash; // guarded by this; the last remote config applied
  private volatile boolean unhealthyByConfig;
  private int restarts;

  public SimulatedAgent(AgentSettings settings, SimEnvironment env) {
    this.settings = settings;
    this.env = env;
    long now = epochNanos(env.clock().instant());
    ComponentHealth health =
        settings.health() != null
            ? settings.health()
            : ComponentHealth.newBuilder()
                .setHealthy(true)
                .setStartTimeUnixNano(now)
                .setStatus("running")
                .setStatusTimeUnixNano(now)
                .build();
    this.state = new AgentState(settings, health);
    this.received = new ReceivedLog(settings.receivedLimit());
    this.connection = new AgentConnection(this, settings, env, state, this::receive);
  }

  /**
   * Connects and sends the full status. The future completes when the server has answered that
   * first message; the agent keeps reconnecting on its own if the first attempt fails.
   */
  public CompletableFuture<Void> start() {
    return connection.start();
  }

  // ---- receiving

  private void receive(ServerToAgent message) {
    received.add(message);
    if (message.hasErrorResponse()) {
      serverError(message.getErrorResponse());
      return;
    }
    boolean send = false;
    if (message.hasAgentIdentification()
        && message.getAgentIdentification().getNewInstanceUid().size() == InstanceUid.LENGTH) {
      state.assignInstanceUid(
          InstanceUid.fromBytes(message.getAgentIdentification().getNewInstanceUid()));
      send = true;
    }
    if ((message.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE) != 0) {
      state.reportFullState();
      send = true;
    }
    if (message.hasRemoteConfig()) {
      send |= offered(message.getRemoteConfig());
    }
    if (message.hasConnectionSettings()
        && message.getConnectionSettings().hasOpamp()
        && state.has(AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings)) {
      // proto3 cannot tell 0 from "not offered"; 0 is read as "keep the current interval"
      long seconds = message.getConnectionSettings().getOpamp().getHeartbeatIntervalSeconds();
      if (seconds > 0) {
        connection.heartbeatIntervalNanos(TimeUnit.SECONDS.toNanos(seconds));
      }
    }
    if (message.hasCommand()) {
      send |= command(message.getCommand());
    }
    if (message.hasCustomMessage()) {
      received.addCustom(message.getCustomMessage());
    }
    if (send) {
      connection.requestSend();
    }
  }

  private void serverError(ServerErrorResponse error) {
    if (error.getType() == ServerErrorResponseType.ServerErrorResponseType_Unavailable) {
      connection.serverUnavailable(
          error.hasRetryInfo() ? error.getRetryInfo().getRetryAfterNanoseconds() : -1);
    } else {
      settings
          .listener()
          .onError(
              this,
              "sending AgentToServer to " + settings.endpoint(),
              new IOException(error.getType() + ": " + error.getErrorMessage()));
    }
  }

  private boolean offered(AgentRemoteConfig offer) {
    if (!state.has(AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig)) {
      return false;
    }
    ByteString hash = offer.getConfigHash();
    synchronized (this) {
      if (hash.equals(lastOfferedHash)) {
        return false; // some servers resend an unchanged offer on every reply
      }
      lastOfferedHash = hash;
      // apply only once APPLYING has gone out, so the server sees both states in order
      connection.afterNextSend(
          () ->
              env.scheduler()
                  .schedule(
                      () -> apply(offer), settings.applyDelay().toNanos(), TimeUnit.NANOSECONDS));
    }
    state.remoteConfigStatus(RemoteConfigStatuses.RemoteConfigStatuses_APPLYING, hash, "");
    return true;
  }

  private void apply(AgentRemoteConfig offer) {
    Outcome outcome;
    try {
      outcome = settings.remoteConfig().apply(offer);
    } catch (RuntimeException e) {
      outcome = new Outcome.Failed("applying remote config failed: " + e);
    }
    ByteString hash = offer.getConfigHash();
    synchronized (this) {
      if (connection.closed() || !hash.equals(lastOfferedHash)) {
        return; // a newer offer superseded this one
      }
    }
    switch (outcome) {
      case Outcome.Applied applied -> {
        state.effectiveConfig(applied.effectiveConfig());
        state.remoteConfigStatus(RemoteConfigStatuses.RemoteConfigStatuses_APPLIED, hash, "");
        synchronized (this) {
          lastAppliedHash = hash;
        }
        if (applied.unhealthyReason() != null) {
          connection.afterNextSend(() -> unhealthy(applied.unhealthyReason(), Map.of()));
          unhealthyByConfig = true;
        } else if (unhealthyByConfig) {
          unhealthyByConfig = false;
          connection.afterNextSend(this::healthy);
        }
      }
      case Outcome.Failed failed ->
          state.remoteConfigStatus(
              RemoteConfigStatuses.RemoteConfigStatuses_FAILED, hash, failed.errorMessage());
      case Outcome.RolledBack rolledBack -> {
        state.remoteConfigStatus(
            RemoteConfigStatuses.RemoteConfigStatuses_FAILED, hash, rolledBack.errorMessage());
        ByteString restored;
        synchronized (this) {
          restored = lastAppliedHash;
        }
        if (restored != null) {
          connection.afterNextSend(
              () -> {
                state.remoteConfigStatus(
                    RemoteConfigStatuses.RemoteConfigStatuses_APPLIED, restored, "");
                connection.requestSend();
              });
        }
      }
    }
    connection.requestSend();
  }

  private boolean command(ServerToAgentCommand command) {
    if (!state.has(AgentCapabilities.AgentCapabilities_AcceptsRestartCommand)) {
      return false;
    }
    markRestarted();
    return true;
  }

  // ---- operator-visible state changes

  /** Simulates an agent restart: a new {@code start_time_unix_nano}, reported at once. */
  public void restart() {
    markRestarted();
    connection.requestSend();
  }

  private void markRestarted() {
    long now = epochNanos(env.clock().instant());
    synchronized (this) {
      restarts++;
    }
    state.health(
        state.health().toBuilder().setStartTimeUnixNano(now).setStatusTimeUnixNano(now).build());
  }

  public void health(ComponentHealth health) {
    state.health(health);
    connection.requestSend();
  }

  public void healthy() {
    long now = epochNanos(env.clock().instant());
    health(
        state.health().toBuilder()
            .setHealthy(true)
            .setStatus("running")
            .setLastError("")
            .setStatusTimeUnixNano(now)
            .clearComponentHealthMap()
            .build());
  }

  /** Unhealthy with {@code lastError}, and {@code components} as the per-component map. */
  public void unhealthy(String lastError, Map<String, ComponentHealth> components) {
    long now = epochNanos(env.clock().instant());
    health(
        state.health().toBuilder()
            .setHealthy(false)
            .setStatus("degraded")
            .setLastError(lastError)
            .setStatusTimeUnixNano(now)
            .clearComponentHealthMap()
            .putAllComponentHealthMap(components)
            .build());
  }

  public void description(AgentDescription description) {
    state.description(description);
    connection.requestSend();
  }

  public void effectiveConfig(AgentConfigMap config) {
    state.effectiveConfig(config);
    connection.requestSend();
  }

  public void capabilities(long capabilities) {
    state.capabilities(capabilities);
    connection.requestSend();
  }

  /** Sends {@code message} with the next message (at once if connected). */
  public void sendCustomMessage(CustomMessage message) {
    state.customMessage(message);
    connection.requestSend();
  }

  // ---- shutdown

  /** Sends {@code agent_disconnect}, then closes the connection. Idempotent; never fails. */
  public CompletableFuture<Void> disconnect() {
    return connection.disconnect();
  }

  /** {@link #disconnect()} and wait up to 10 s for it. */
  @Override
  public void close() {
    try {
      disconnect().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closing is best effort; the server notices the dropped connection anyway
    }
  }

  // ---- what tests and demos look at

  public InstanceUid instanceUid() {
    return state.instanceUid();
  }

  public long sequenceNum() {
    return state.sequenceNum();
  }

  public boolean connected() {
    return connection.connected();
  }

  /** {@code "websocket"} or {@code "http"}. */
  public String transport() {
    return connection.transportName();
  }

  public Duration heartbeatInterval() {
    return Duration.ofNanos(connection.heartbeatIntervalNanos());
  }

  public ComponentHealth health() {
    return state.health();
  }

  public AgentDescription description() {
    return state.description();
  }

  public AgentConfigMap effectiveConfig() {
    return state.effectiveConfig();
  }

  public RemoteConfigStatus remoteConfigStatus() {
    return state.remoteConfigStatus();
  }

  public synchronized int restarts() {
    return restarts;
  }

  /** Every {@code ServerToAgent} received, oldest first (at most the configured limit). */
  public List<ServerToAgent> received() {
    return received.messages();
  }

  public List<CustomMessage> customMessages() {
    return new ArrayList<>(received.customMessages());
  }

  public AgentSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "SimulatedAgent[" + state.instanceUid() + " over " + connection.transportName() + "]";
  }

  private static long epochNanos(Instant instant) {
    return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
  }
}
