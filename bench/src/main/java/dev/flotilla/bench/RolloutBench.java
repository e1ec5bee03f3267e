package dev.flotilla.bench;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.VersionCreated;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times a health-gated rollout to every agent of a simulated fleet: connects N WebSocket agents,
 * publishes a Fluent Bit config, rolls it out (canary, then batches) and prints how long it took to
 * the canary and to the end, per batch, and the CPU time and peak heap of the server and of this
 * process. See docs/bench.md.
 */
public final class RolloutBench {
  static final String CONFIG =
      "[INPUT]\n    Name dummy\n    Tag x\n[OUTPUT]\n    Name stdout\n    Match *\n";
  static final String CONFIG_NAME = "bench";

  private final RolloutOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  RolloutBench(RolloutOptions options, Clock clock, PrintStream out) {
    this.options = options;
    this.clock = clock;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    RolloutOptions options =
        BenchArgs.parseOrExit(args, RolloutOptions.USAGE, RolloutOptions::parse);
    System.exit(new RolloutBench(options, Clock.systemUTC(), System.out).run());
  }

  /** Runs the benchmark; 0 when the rollout completed with every agent healthy. */
  int run() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    HttpClient apiClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    SpawnedServer spawned =
        options.spawnServer() != null
            ? SpawnedServer.start(
                options.spawnServer(), options.serverJvmOptions(), options.serverArgs())
            : null;
    try {
      URI opamp = spawned != null ? spawned.opampUrl("websocket") : options.opampUrl();
      URI api = spawned != null ? spawned.apiUrl() : options.apiUrl();
      if (spawned != null) {
        spawned.awaitReady(apiClient, Duration.ofSeconds(90));
        log("spawned server pid %d, OpAMP %s, API %s", spawned.javaPid(), opamp, api);
      }
      long pid = spawned != null ? spawned.javaPid() : options.serverPid();
      ServerGauges gauges = new ServerGauges(pid, api, options.token(), apiClient);
      HttpFleetClient client = new HttpFleetClient(api.toString(), options.token());
      return bench(opamp, gauges, client, deadline);
    } finally {
      if (spawned != null) {
        spawned.close();
      }
    }
  }

  private int bench(URI opamp, ServerGauges gauges, HttpFleetClient client, long deadline)
      throws InterruptedException {
    LoadStats stats = new LoadStats();
    Map<String, String> headers =
        options.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + options.token());
    try (SimEnvironment env = SimEnvironment.create(options.ioThreads(), 2, clock)) {
      log(
          "starting %d agents at %.0f/s against %s",
          options.agents(), options.rampPerSecond(), opamp);
      long rampStart = System.nanoTime();
      SimulatedFleet fleet =
          SimulatedFleet.start(
              options.agents(),
              options.rampPerSecond(),
              i -> settings(opamp, i, headers, stats),
              env);
      if (!awaitConnected(fleet, gauges, deadline)) {
        log(
            "only %d of %d agents connected before the deadline",
            fleet.connected(), options.agents());
        disconnectAll(fleet);
        return 1;
      }
      log(
          "%d agents connected in %.1f s, %d errors",
          fleet.connected(), (System.nanoTime() - rampStart) / 1e9, stats.errors());

      VersionCreated version =
          client.publish(
              CONFIG_NAME,
              new PublishRequest(
                  Map.of("fluent-bit.conf", new Agent.ConfigFile(CONFIG, "text/plain")),
                  "rollout benchmark"));
      log("published %s@%d (%s)", version.name(), version.version(), version.hash());

      RolloutClock measured = new RolloutClock(options.batchSizes(), gauges);
      RolloutView started =
          client.startRollout(
              new RolloutRequest(CONFIG_NAME, version.version(), Map.of(), options.strategy()));
      measured.started(started);
      log(
          "rollout %s started: %d agents, batches %s",
          started.id(), total(started), options.batchSizes());
      RolloutView last = started;
      while (!last.finished() && !last.state().equals("paused") && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.sleep(options.poll().toNanos());
        last = find(client, started.id());
        measured.observe(last).forEach(line -> log("%s", line));
      }
      RolloutView full = client.rollout(started.id());
      measured.ended(full);
      int connectedAtEnd = fleet.connected();
      disconnectAll(fleet);
      measured.report(full, connectedAtEnd, stats, version.hash()).forEach(out::println);
      boolean ok =
          full.state().equals("completed")
              && full.counts().getOrDefault("healthy", 0) == options.agents();
      return ok ? 0 : 1;
    }
  }

  private boolean awaitConnected(SimulatedFleet fleet, ServerGauges gauges, long deadline)
      throws InterruptedException {
    for (int tick = 1; System.nanoTime() < deadline; tick++) {
      if (fleet.connected() == options.agents()
          && gauges.agentsListed().orElse(-1) >= options.agents()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(500);
      if (tick % 10 == 0) {
        log("connecting: started %d, connected %d", fleet.started(), fleet.connected());
      }
    }
    return false;
  }

  /** The rollout's summary from the list (no agent rows: cheap to read while it runs). */
  private static RolloutView find(HttpFleetClient client, String id) {
    return client.rollouts().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("rollout " + id + " is not listed"));
  }

  static int total(RolloutView r) {
    return r.counts().values().stream().mapToInt(Integer::intValue).sum();
  }

  private AgentSettings settings(URI opamp, int i, Map<String, String> headers, LoadStats stats) {
    return AgentSettings.builder(opamp, InstanceUid.newV7(clock))
        .capabilities(LoadGenerator.CAPABILITIES)
        .description(AgentDescriptions.fluentBit("4.0.3", String.format("sim-%05d", i)))
        .effectiveConfig(LoadGenerator.EFFECTIVE_CONFIG)
        .heartbeatInterval(options.heartbeat())
        .headers(headers)
        .receivedLimit(0)
        .listener(stats)
        .build();
  }

  private void disconnectAll(SimulatedFleet fleet) throws InterruptedException {
    try {
      fleet.disconnectAll().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log("not every agent disconnected cleanly: %s", e);
    }
  }

  private void log(String format, Object... args) {
    out.printf(
        "[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }

  static String mb(OptionalLong bytes) {
    return bytes.isPresent() ? String.format("%.0f MB", bytes.getAsLong() / 1048576.0) : "n/a";
  }
}
