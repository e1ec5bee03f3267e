package dev.flotilla.server;

import dev.flotilla.catalog.Catalog;
import dev.flotilla.catalog.web.CatalogRoutes;
import dev.flotilla.editor.EditorServer;
import dev.flotilla.editor.web.EditorRoutes;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.AgentStore;
import dev.flotilla.server.agents.Agents;
import dev.flotilla.server.agents.Approvals;
import dev.flotilla.server.agents.EventStore;
import dev.flotilla.server.agents.FleetChanges;
import dev.flotilla.server.agents.JdbcAgentStore;
import dev.flotilla.server.agents.JdbcApprovalStore;
import dev.flotilla.server.agents.JdbcEventStore;
import dev.flotilla.server.agents.LiveFleet;
import dev.flotilla.server.agents.LivenessSweeper;
import dev.flotilla.server.agents.StoreWriter;
import dev.flotilla.server.api.AgentStream;
import dev.flotilla.server.api.ApiRoutes;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.auth.Sessions;
import dev.flotilla.server.catalog.CatalogMount;
import dev.flotilla.server.commands.CommandQueue;
import dev.flotilla.server.commands.JdbcCommandStore;
import dev.flotilla.server.config.JdbcSettingsStore;
import dev.flotilla.server.config.RuntimeSettings;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.configs.ConfigRoutes;
import dev.flotilla.server.configs.ConfigVersions;
import dev.flotilla.server.configs.JdbcConfigStore;
import dev.flotilla.server.mcp.McpMount;
import dev.flotilla.server.metrics.PrometheusText;
import dev.flotilla.server.metrics.ServerMetrics;
import dev.flotilla.server.opamp.CustomCapabilities;
import dev.flotilla.server.opamp.CustomCommandDeclaration;
import dev.flotilla.server.opamp.HttpTransport;
import dev.flotilla.server.opamp.OpampProcessor;
import dev.flotilla.server.opamp.Throttle;
import dev.flotilla.server.opamp.WebSocketTransport;
import dev.flotilla.server.rollout.JdbcRolloutStore;
import dev.flotilla.server.rollout.RolloutEngine;
import dev.flotilla.server.rollout.RolloutMetrics;
import dev.flotilla.server.rollout.RolloutRoutes;
import dev.flotilla.server.store.Database;
import dev.flotilla.webkit.WebKit;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flotilla server}: the OpAMP listener for agents and the API listener for operators, over
 * one in-memory fleet persisted in batches.
 */
public final class FlotillaServer implements AutoCloseable {
  public static final String OPAMP_PATH = "/v1/opamp";
  private static final Logger log = LoggerFactory.getLogger(FlotillaServer.class);

  /** Heartbeat-only changes (sequence number, last seen) are persisted at most this often. */
  private static final Duration QUIET_PERSIST_INTERVAL = Duration.ofMinutes(1);

  private final Database store;
  private final EventStore events;
  private final StoreWriter writer;
  private final CommandQueue commands;
  private final Agents agents;
  private final LiveFleet fleet;
  private final RolloutEngine rollouts;
  private final CustomCapabilities customCapabilities;
  private final ScheduledExecutorService scheduler;
  private final CatalogMount catalog;
  private final Javalin opamp;
  private final Javalin api;

  /**
   * @param opened receives a closer for each resource as it is opened, so that {@link #start} can
   *     close them in reverse when a later step (e.g. binding a port in use) fails
   */
  private FlotillaServer(ServerConfig config, Clock clock, java.util.Deque<Runnable> opened) {
    if (config.noAuth()) {
      log.warn(
          "*** AUTHENTICATION IS OFF (--no-auth): any agent and any operator can connect. For"
              + " local development only. ***");
    }
    store = Database.open(config.store(), config.dataDir());
    opened.push(store::close);
    log.info("fleet store: {}", store.describe());
    AgentStore agentRows = new JdbcAgentStore(store);
    events = new JdbcEventStore(store);
    writer =
        new StoreWriter(
                agentRows,
                events,
                clock,
                new StoreWriter.Settings(
                    config.flushInterval(),
                    1000,
                    // the backoff may not be shorter than the interval it starts from
                    max(Duration.ofSeconds(30), config.flushInterval()),
                    100_000),
                StoreWriter.Listener.NONE)
            .start();
    opened.push(writer::close);
    agents = new Agents(clock, QUIET_PERSIST_INTERVAL);
    agents.listen(toStore(writer));
    agents.load(agentRows.loadAgents());
    commands = new CommandQueue(new JdbcCommandStore(store), clock);
    opened.push(commands::close);
    commands.load();
    Approvals approvals = new Approvals(new JdbcApprovalStore(store), writer);
    approvals.load();
    RuntimeSettings settings = new RuntimeSettings(config, new JdbcSettingsStore(store));
    customCapabilities = new CustomCapabilities();
    CustomCommandDeclaration.supervisorBuiltIns().forEach(customCapabilities::declare);
    OpampProcessor processor =
        new OpampProcessor(
            agents,
            approvals,
            settings::manualApproval,
            commands,
            customCapabilities,
            settings::heartbeatInterval,
            config.maxEffectiveConfigBytes(),
            clock);
    fleet =
        new LiveFleet(
            agents, approvals, settings, commands, events, writer, processor::offerNow, clock);
    JsonMapper storeJson = JsonMapper.builder().build();
    ConfigVersions configVersions =
        new ConfigVersions(new JdbcConfigStore(store.jdbc(), storeJson), fleet, clock).load();
    fleet.desiredState(configVersions);
    agents.listen(configVersions.listener());
    rollouts =
        new RolloutEngine(
                new JdbcRolloutStore(store.jdbc(), storeJson), configVersions, fleet, clock)
            .load();

    ServerMetrics metrics = new ServerMetrics();
    Throttle throttle =
        new Throttle(
            new Throttle.Limits(
                config.maxConnections(),
                config.maxRequestsPerSecond(),
                config.maxRequestsPerSecondPerAgent(),
                config.maxRequestsPerSecondPerSource()),
            clock);
    Authenticator auth = new Authenticator(config, clock);
    HttpTransport http =
        new HttpTransport(
            processor,
            auth,
            throttle,
            metrics,
            config.maxMessageBytes(),
            config.requestReadTimeout(),
            config.maxQueuedRequests());
    WebSocketTransport ws =
        new WebSocketTransport(processor, auth, throttle, metrics, config.maxMessageBytes());

    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("flotilla-liveness").daemon(true).unstarted(r));
    opened.push(scheduler::shutdownNow);
    LivenessSweeper sweeper =
        new LivenessSweeper(
            agents, clock, settings::heartbeatInterval, processor::markDisconnected);
    long sweepMillis = Math.max(200, Math.min(5000, config.heartbeatInterval().toMillis() / 2));
    scheduler.scheduleWithFixedDelay(
        guarded(sweeper), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        guarded(() -> pruneHistory(config.eventRetention(), clock)), 1, 60, TimeUnit.MINUTES);
    scheduler.scheduleWithFixedDelay(guarded(commands::retryUnsaved), 5, 5, TimeUnit.SECONDS);
    long tickMillis = config.rolloutTickInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        guarded(rollouts::tick), tickMillis, tickMillis, TimeUnit.MILLISECONDS);

    Duration idle = config.heartbeatInterval().multipliedBy(4).plusMinutes(5);
    opamp =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.concurrency.useVirtualThreads = true;
              HttpTransport.configureJetty(cfg, config.requestReadTimeout());
              cfg.jetty.modifyWebSocketServletFactory(
                  f -> {
                    f.setMaxBinaryMessageSize(config.maxMessageBytes());
                    f.setMaxTextMessageSize(64 * 1024);
                    f.setIdleTimeout(idle);
                  });
              cfg.routes.post(OPAMP_PATH, http);
              cfg.routes.wsBeforeUpgrade(OPAMP_PATH, ws::beforeUpgrade);
              cfg.routes.ws(OPAMP_PATH, ws::configure);
            });
    JsonMapper json = JsonMapper.builder().build();
    AgentStream stream = new AgentStream(agents, fleet::view, fleet::summary, json);
    agents.listen(stream);
    rollouts.listen(view -> stream.rolloutChanged(view.id(), view));
    scheduler.scheduleWithFixedDelay(guarded(stream::publish), 500, 500, TimeUnit.MILLISECONDS);
    PrometheusText prometheus =
        new PrometheusText(agents::snapshot, metrics, writer::metrics, ws::openLinks);
    Map<String, String> features = new java.util.LinkedHashMap<>(config.features());
    if (config.editor() != null) {
      features.putIfAbsent("editor", EditorRoutes.PAGE + "/");
    }
    if (config.catalog() != null) {
      features.putIfAbsent("catalog", CatalogRoutes.PAGE + "/");
    }
    ApiRoutes routes =
        new ApiRoutes(
            fleet,
            auth,
            new Sessions(clock),
            features,
            customCapabilities,
            json,
            stream,
            () ->
                prometheus.render()
                    + new RolloutMetrics(rollouts, configVersions, agents::snapshot).render(),
            () -> serverInfo(config),
            writer::metrics);
    EditorRoutes editor =
        config.editor() == null
            ? null
            : new EditorRoutes(
                "mounted", config.editor(), Optional.of(fleet), routes.editorAccess(), clock, json);
    catalog =
        config.catalog() == null
            ? null
            : CatalogMount.start(
                config.catalog(),
                config.dataDir(),
                routes.editorAccess(),
                editor == null ? Optional.empty() : Optional.of(EditorRoutes.PAGE + "/"),
                json,
                clock);
    if (catalog != null) {
      opened.push(catalog::close);
    }
    McpMount mcp =
        config.mcp()
            ? new McpMount(
                fleet, configVersions, rollouts, auth, config.oidc(), json, clock, version())
            : null;
    api =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.concurrency.useVirtualThreads = true;
              WebKit.serveClasspath(cfg, "/", "/console");
              WebKit.configure(cfg);
              if (editor != null) {
                cfg.http.maxRequestSize = EditorServer.MAX_REQUEST_BYTES;
                editor.configure(cfg);
              }
              if (catalog != null) {
                catalog.configure(cfg);
              }
              if (mcp != null) {
                mcp.configure(cfg);
              }
              routes.configure(cfg);
              new ConfigRoutes(configVersions, fleet, routes.editorAccess(), routes::actor, json)
                  .configure(cfg);
              new RolloutRoutes(rollouts, routes.editorAccess(), routes::actor, json)
                  .configure(cfg);
            });
    opamp.start(config.bindAddress(), config.opampPort());
    opened.push(opamp::stop);
    api.start(config.bindAddress(), config.apiPort());
    log.info(
        "OpAMP on {}:{}{} (HTTP and WebSocket); API on http://{}:{}/api/v1 ; {} agent(s) loaded",
        config.bindAddress(),
        opamp.port(),
        OPAMP_PATH,
        config.bindAddress(),
        api.port(),
        agents.size());
  }

  /** Starts both listeners; fails fast on bad settings or an unreachable store. */
  public static FlotillaServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static FlotillaServer start(ServerConfig config, Clock clock) {
    ServerConfig valid = config.validated();
    java.util.Deque<Runnable> cleanup = new java.util.ArrayDeque<>();
    try {
      return new FlotillaServer(valid, clock, cleanup);
    } catch (RuntimeException e) {
      while (!cleanup.isEmpty()) {
        try {
          cleanup.pop().run();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  public int opampPort() {
    return opamp.port();
  }

  public int apiPort() {
    return api.port();
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The mounted config catalog (entries and their bundles), when it is on. */
  public Optional<Catalog> catalog() {
    return Optional.ofNullable(catalog).map(CatalogMount::catalog);
  }

  /** Where handlers for custom capabilities are added, without touching the protocol core. */
  public CustomCapabilities customCapabilities() {
    return customCapabilities;
  }

  /** Stops both listeners and writes every pending change before the store closes. */
  @Override
  public void close() {
    opamp.stop();
    api.stop();
    scheduler.shutdownNow();
    if (catalog != null) {
      catalog.close();
    }
    agents.persistAll();
    commands.close();
    writer.close();
    store.close();
    log.info("server stopped");
  }

  private void pruneHistory(Duration retention, Clock clock) {
    int removed = events.deleteEventsBefore(clock.instant().minus(retention));
    if (removed > 0) {
      log.info("removed {} history event(s) older than {} days", removed, retention.toDays());
    }
  }

  private static Map<String, Object> serverInfo(ServerConfig config) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", version());
    info.put("capabilities", OpampProcessor.SERVER_CAPABILITIES);
    info.put("heartbeatIntervalSeconds", config.heartbeatInterval().toSeconds());
    info.put("maxMessageBytes", config.maxMessageBytes());
    info.put("auth", !config.noAuth());
    return info;
  }

  public static String version() {
    String v = FlotillaServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("background task failed", e);
      }
    };
  }

  private static FleetChanges toStore(StoreWriter writer) {
    return new FleetChanges() {
      @Override
      public void agentChanged(AgentRecord snapshot) {
        writer.agentChanged(snapshot);
      }

      @Override
      public void event(AgentEvent event) {
        writer.event(event);
      }

      @Override
      public void agentDeleted(InstanceUid uid) {
        writer.agentDeleted(uid);
      }

      @Override
      public void agentRenamed(InstanceUid from, InstanceUid to) {
        writer.agentRenamed(from, to);
      }
    };
  }
}
