package dev.flotilla.supervisor;

import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.agent.MonitoringClient;
import dev.flotilla.supervisor.capability.BuiltInCapabilities;
import dev.flotilla.supervisor.config.SupervisorConfig;
import dev.flotilla.supervisor.config.SupervisorConfig.AgentType;
import dev.flotilla.supervisor.config.SupervisorConfig.Mode;
import dev.flotilla.supervisor.fluentbit.FluentBitAdapter;
import dev.flotilla.supervisor.fluentd.FluentdAdapter;
import dev.flotilla.supervisor.observe.ObservedAgent;
import dev.flotilla.supervisor.observe.ProcessFinder;
import dev.flotilla.supervisor.observe.ServiceManager;
import dev.flotilla.supervisor.opamp.ConnectionSettings;
import dev.flotilla.supervisor.opamp.InstanceUidStore;
import dev.flotilla.supervisor.opamp.OpampClient;
import dev.flotilla.supervisor.process.AgentRuntime;
import dev.flotilla.supervisor.process.Backoff;
import dev.flotilla.supervisor.process.CappedLog;
import dev.flotilla.supervisor.process.LaunchSpec;
import dev.flotilla.supervisor.process.LaunchedAgent;
import dev.flotilla.supervisor.process.ProcessCommander;
import dev.flotilla.supervisor.remoteconfig.AllowList;
import dev.flotilla.supervisor.remoteconfig.ConfigWriter;
import dev.flotilla.supervisor.remoteconfig.FluentConfigSchemaCheck;
import dev.flotilla.supervisor.remoteconfig.RemoteConfigApplier;
import dev.flotilla.supervisor.remoteconfig.RemoteFileNames;
import dev.flotilla.supervisor.remoteconfig.SchemaCheck;
import dev.flotilla.supervisor.remoteconfig.SupervisorState;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** Wires a {@link Supervisor} from its configuration. The one place objects are created. */
public final class SupervisorAssembly {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorAssembly.class);

  private SupervisorAssembly() {}

  /** Starts with fluent-config's schema check, unless {@code remote-config.schema-check} is off. */
  public static Supervisor start(SupervisorConfig config, Clock clock) throws IOException {
    return start(
        config,
        clock,
        config.remoteConfig().schemaCheck() ? new FluentConfigSchemaCheck() : SchemaCheck.none());
  }

  public static Supervisor start(SupervisorConfig config, Clock clock, SchemaCheck schemaCheck)
      throws IOException {
    Path stateDir = config.stateDir();
    Files.createDirectories(stateDir);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    var monitoring =
        new MonitoringClient(http, JsonMapper.builder().build(), Duration.ofSeconds(3));
    var agent = config.agent();
    boolean launched = agent.mode() == Mode.SUPERVISOR;
    AgentAdapter adapter = adapter(config, monitoring, List.of());
    List<String> args = launched ? adapter.launchArgs(agent.args()) : agent.args();
    adapter = adapter(config, monitoring, args);
    var state = new SupervisorState(stateDir);
    var allowList = new AllowList(adapter.configFile().getParent(), config.remoteConfig().allow());
    if (launched) {
      restoreLastKnownGood(state, adapter, allowList);
    }
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            2, r -> Thread.ofPlatform().name("supervisor").daemon().unstarted(r));
    var ops =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("agent-ops").daemon().unstarted(r));
    AtomicReference<Supervisor> self = new AtomicReference<>();
    AgentRuntime runtime =
        launched
            ? new LaunchedAgent(
                new ProcessCommander(
                    new LaunchSpec(agent.executable(), args, agent.env(), agent.workingDir()),
                    new CappedLog(agent.logFile(), agent.logMaxBytes())),
                new Backoff(
                    Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.getDefault()),
                agent.stopTimeout(),
                Duration.ofSeconds(30),
                clock,
                scheduler,
                () -> refreshSoon(scheduler, self))
            : new ObservedAgent(
                new ProcessFinder(agent.observe().match(), agent.observe().pidFile()),
                ServiceManager.of(
                    agent.serviceManager().type(),
                    agent.serviceManager().name(),
                    agent.serviceManager().command()),
                config.remoteConfig().healthTimeout());
    var timeouts =
        new RemoteConfigApplier.Timeouts(
            config.remoteConfig().reloadTimeout(),
            config.remoteConfig().healthTimeout(),
            config.remoteConfig().settle());
    var applier =
        new RemoteConfigApplier(
            adapter,
            runtime,
            allowList,
            schemaCheck,
            state,
            stateDir,
            timeouts,
            status -> self.get().reportRemoteConfigStatus(status));
    var supervisor = new Supervisor(config, clock, adapter, runtime, applier, scheduler, ops);
    self.set(supervisor);
    var server = config.server();
    var client =
        new OpampClient(
            new ConnectionSettings(
                server.endpoint(), server.headers(), server.heartbeat(), server.gzip()),
            new InstanceUidStore(stateDir, clock),
            Supervisor.capabilities(
                config.remoteConfig().enabled(), agent.type() == AgentType.FLUENT_BIT),
            supervisor,
            http,
            clock,
            new Backoff(
                server.backoffInitial(), server.backoffMax(), RandomGenerator.getDefault()));
    supervisor.attach(
        client,
        BuiltInCapabilities.of(
            adapter,
            runtime,
            config.remoteConfig().reloadTimeout(),
            config.chatOps().forwardUrl(),
            http));
    supervisor.start();
    return supervisor;
  }

  private static void refreshSoon(
      ScheduledExecutorService scheduler, AtomicReference<Supervisor> self) {
    if (self.get() != null && !scheduler.isShutdown()) {
      try {
        scheduler.execute(self.get()::refreshSafely);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Shutting down: nothing left to report to.
      }
    }
  }

  private static AgentAdapter adapter(
      SupervisorConfig config, MonitoringClient monitoring, List<String> args) {
    var agent = config.agent();
    return agent.type() == AgentType.FLUENT_BIT
        ? new FluentBitAdapter(agent.config(), agent.executable(), args, monitoring)
        : new FluentdAdapter(agent.config(), agent.executable(), monitoring);
  }

  /**
   * Puts the last config that ran healthy back on disk before the agent starts, so a restart while
   * the server is unreachable runs what last worked. Files it does not name stay as they are.
   */
  private static void restoreLastKnownGood(
      SupervisorState state, AgentAdapter adapter, AllowList allowList) throws IOException {
    var lkg = state.lastKnownGood();
    if (lkg.isEmpty()) {
      return;
    }
    Map<String, byte[]> saved = new LinkedHashMap<>();
    lkg.get().getConfigMapMap().forEach((k, v) -> saved.put(k, v.getBody().toByteArray()));
    // Names the supervisor saved itself; still checked, as a state file can be edited.
    var mapping = RemoteFileNames.map(adapter.configFile(), saved.keySet(), allowList, saved);
    if (mapping instanceof RemoteFileNames.Refused r) {
      LOG.warn("not restoring the last known good config: {}", r.reason());
      return;
    }
    for (var e : ((RemoteFileNames.Targets) mapping).files().entrySet()) {
      Path target = e.getKey();
      byte[] body = e.getValue();
      if (!(Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), body))) {
        LOG.info("restoring {} from the last known good config", target);
        ConfigWriter.write(target, body);
      }
    }
  }
}
