package dev.flotilla.supervisor;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.CommandType;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.agent.HostAttributes;
import dev.flotilla.supervisor.capability.CustomCapability;
import dev.flotilla.supervisor.config.SupervisorConfig;
import dev.flotilla.supervisor.opamp.OpampClient;
import dev.flotilla.supervisor.opamp.OpampListener;
import dev.flotilla.supervisor.opamp.StatusPart;
import dev.flotilla.supervisor.process.AgentRuntime;
import dev.flotilla.supervisor.remoteconfig.RemoteConfigApplier;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisor beside one agent: reports the agent's description, health and effective config
 * over OpAMP, applies remote config, and carries out commands. All work on the agent (apply,
 * restart, custom capabilities) runs on one "agent-ops" thread, in arrival order; status polling
 * runs on a scheduler. Built by {@link SupervisorAssembly}.
 */
public final class Supervisor implements AutoCloseable, OpampListener {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
  private final SupervisorConfig config;
  private final Clock clock;
  private final AgentAdapter adapter;
  private final AgentRuntime runtime;
  private final RemoteConfigApplier applier;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService ops;
  private final Map<String, CustomCapability> capabilities = new LinkedHashMap<>();
  private OpampClient client;
  private volatile boolean applying;
  private ComponentHealth lastHealthCore;
  private ComponentHealth lastHealth;
  private volatile AvailableComponents components;

  Supervisor(
      SupervisorConfig config,
      Clock clock,
      AgentAdapter adapter,
      AgentRuntime runtime,
      RemoteConfigApplier applier,
      ScheduledExecutorService scheduler,
      ExecutorService ops) {
    this.config = config;
    this.clock = clock;
    this.adapter = adapter;
    this.runtime = runtime;
    this.applier = applier;
    this.scheduler = scheduler;
    this.ops = ops;
  }

  void attach(OpampClient client, Iterable<CustomCapability> handlers) {
    this.client = client;
    handlers.forEach(h -> capabilities.put(h.name(), h));
  }

  static long capabilities(boolean acceptsRemoteConfig, boolean reportsAvailableComponents) {
    long bits =
        AgentCapabilities.AgentCapabilities_ReportsStatus_VALUE
            | AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig_VALUE
            | AgentCapabilities.AgentCapabilities_ReportsHealth_VALUE
            | AgentCapabilities.AgentCapabilities_ReportsRemoteConfig_VALUE
            | AgentCapabilities.AgentCapabilities_AcceptsRestartCommand_VALUE
            | AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings_VALUE
            | AgentCapabilities.AgentCapabilities_ReportsHeartbeat_VALUE
            | AgentCapabilities.AgentCapabilities_ReportsConnectionSettingsStatus_VALUE;
    if (reportsAvailableComponents) {
      bits |= AgentCapabilities.AgentCapabilities_ReportsAvailableComponents_VALUE;
    }
    return acceptsRemoteConfig
        ? bits | AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig_VALUE
        : bits;
  }

  /** Starts the agent (from the last known good config), then connects and starts reporting. */
  void start() {
    ops.execute(
        () -> {
          try {
            runtime.start();
          } catch (Exception e) {
            LOG.error("starting the agent failed: {}", e.getMessage());
          }
        });
    client.set(StatusPart.REMOTE_CONFIG_STATUS, applier.currentStatus());
    client.set(
        StatusPart.CUSTOM_CAPABILITIES,
        CustomCapabilities.newBuilder().addAllCapabilities(capabilities.keySet()).build());
    refresh();
    client.start();
    long every = config.healthInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshSafely, every, every, TimeUnit.MILLISECONDS);
  }

  public InstanceUid instanceUid() {
    return client.instanceUid();
  }

  public AgentRuntime runtime() {
    return runtime;
  }

  public boolean connected() {
    return client.connected();
  }

  /** Re-reads health, description and (unless an apply is under way) effective config. */
  synchronized void refresh() {
    ComponentHealth core = adapter.health(runtime);
    if (!core.equals(lastHealthCore)) {
      lastHealthCore = core;
      long now = clock.millis() * 1_000_000L;
      lastHealth = core.toBuilder().setStatusTimeUnixNano(now).build();
      client.set(StatusPart.HEALTH, lastHealth);
    }
    client.set(StatusPart.DESCRIPTION, description());
    if (components == null) {
      adapter
          .availableComponents()
          .ifPresent(
              c -> {
                components = c;
                client.set(
                    StatusPart.AVAILABLE_COMPONENTS,
                    AvailableComponents.newBuilder().setHash(c.getHash()).build());
              });
    }
    if (!applying) {
      client.set(StatusPart.EFFECTIVE_CONFIG, adapter.effectiveConfig());
    }
  }

  void refreshSafely() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("reading agent status failed: {}", e.toString());
    }
  }

  private AgentDescription description() {
    AgentDescription d = adapter.description(runtime);
    boolean hasInstanceId =
        d.getIdentifyingAttributesList().stream()
            .anyMatch(kv -> kv.getKey().equals("service.instance.id"));
    return hasInstanceId
        ? d
        : d.toBuilder()
            .addIdentifyingAttributes(
                HostAttributes.kv("service.instance.id", client.instanceUid().toString()))
            .build();
  }

  void reportRemoteConfigStatus(dev.flotilla.opamp.proto.RemoteConfigStatus status) {
    client.set(StatusPart.REMOTE_CONFIG_STATUS, status);
  }

  @Override
  public void onRemoteConfig(AgentRemoteConfig remoteConfig) {
    if (!config.remoteConfig().enabled()) {
      LOG.warn("ignoring remote config: remote-config.enabled is false");
      return;
    }
    ops.execute(
        () -> {
          applying = true;
          try {
            applier.apply(remoteConfig);
          } finally {
            applying = false;
            refreshSafely();
          }
        });
  }

  @Override
  public void onReportAvailableComponents() {
    AvailableComponents c = components;
    if (c != null) {
      client.set(StatusPart.AVAILABLE_COMPONENTS, c);
    }
  }

  @Override
  public void onCommand(ServerToAgentCommand command) {
    if (command.getType() == CommandType.CommandType_Restart) {
      ops.execute(
          () -> {
            try {
              runtime.restart("restart command from the server");
            } catch (Exception e) {
              LOG.error("restart command failed: {}", e.getMessage());
            }
            refreshSafely();
          });
    }
  }

  @Override
  public void onCustomMessage(CustomMessage message) {
    CustomCapability handler = capabilities.get(message.getCapability());
    if (handler == null) {
      LOG.debug("no handler for custom capability {}", message.getCapability());
      return;
    }
    ops.execute(
        () -> {
          try {
            handler.handle(message).ifPresent(client::sendCustomMessage);
          } catch (Exception e) {
            client.sendCustomMessage(
                CustomCapability.reply(
                    message.getCapability(), "error", String.valueOf(e.getMessage())));
          }
          refreshSafely();
        });
  }

  /** Sends {@code agent_disconnect}, then stops the agent (supervisor mode) or detaches. */
  @Override
  public void close() {
    client.close();
    ops.shutdownNow();
    try {
      ops.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtime.stop();
    scheduler.shutdownNow();
  }
}
