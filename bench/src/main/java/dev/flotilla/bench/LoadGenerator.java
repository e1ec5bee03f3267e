package dev.flotilla.bench;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs N simulated agents against a Flotilla server and prints what it sustained: agents connected,
 * messages per second, request-to-reply latency, errors, and the server's resident memory and heap
 * per connected agent. See docs/bench.md.
 */
public final class LoadGenerator {
  static final AgentConfigMap EFFECTIVE_CONFIG =
      AgentConfigMap.newBuilder()
          .putConfigMap(
              "fluent-bit.yaml",
              AgentConfigFile.newBuilder()
                  .setContentType("text/yaml")
                  .setBody(
                      ByteString.copyFromUtf8(
                          """
                          service:
                            flush: 1
                            http_server: on
                          pipeline:
                            inputs:
                              - name: tail
                                path: /var/log/app/*.log
                            outputs:
                              - name: forward
                                match: '*'
                                host: aggregator
                          """))
                  .build())
          .build();

  /**
   * A supervisor's capabilities without AcceptsOpAMPConnectionSettings, so that agents keep the
   * heartbeat interval of the run instead of adopting the one the server offers.
   */
  static final long CAPABILITIES =
      AgentSettings.SUPERVISOR_CAPABILITIES
          & ~AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings_VALUE;

  private final LoadOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  LoadGenerator(LoadOptions options, Clock clock, PrintStream out) {
    this.options = options;
    this.clock = clock;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options = BenchArgs.parseOrExit(args, LoadOptions.USAGE, LoadOptions::parse);
    System.exit(new LoadGenerator(options, Clock.systemUTC(), System.out).run());
  }

  /** Runs the load; 0 when every agent connected and nothing ran out of file descriptors. */
  int run() throws IOException, InterruptedException {
    HttpClient apiClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    SpawnedServer spawned =
        options.spawnServer() != null
            ? SpawnedServer.start(
                options.spawnServer(), options.serverJvmOptions(), options.serverArgs())
            : null;
    try {
      URI opamp = spawned != null ? spawned.opampUrl(options.transport()) : options.opampUrl();
      URI api = spawned != null ? spawned.apiUrl() : options.apiUrl();
      if (spawned != null) {
        spawned.awaitReady(apiClient, Duration.ofSeconds(90));
        log("spawned server pid %d, OpAMP %s, API %s", spawned.javaPid(), opamp, api);
      }
      long pid = spawned != null ? spawned.javaPid() : options.serverPid();
      checkFileDescriptorLimits(pid);
      ServerGauges gauges = new ServerGauges(pid, api, options.token(), apiClient);
      return load(opamp, gauges, spawned);
    } finally {
      if (spawned != null) {
        spawned.close();
      }
    }
  }

  private int load(URI opamp, ServerGauges gauges, SpawnedServer spawned)
      throws InterruptedException, IOException {
    OptionalLong rssBefore = gauges.rssBytes();
    OptionalLong heapBefore = gauges.heapUsedBytes();
    LoadStats stats = new LoadStats();
    Map<String, String> headers =
        options.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + options.token());
    try (SimEnvironment env = SimEnvironment.create(options.ioThreads(), 2, clock)) {
      log(
          "starting %d %s agents at %.0f/s against %s, heartbeat %s",
          options.agents(),
          options.transport(),
          options.rampPerSecond(),
          opamp,
          LoadReport.human(options.heartbeat()));
      long rampStart = System.nanoTime();
      SimulatedFleet fleet =
          SimulatedFleet.start(
              options.agents(),
              options.rampPerSecond(),
              i -> settings(opamp, i, headers, stats),
              env);
      long connectDeadline =
          rampStart
              + (long) (options.agents() / options.rampPerSecond() * 1e9)
              + options.connectTimeout().toNanos();
      for (int tick = 1;
          fleet.connected() < options.agents() && System.nanoTime() < connectDeadline;
          tick++) {
        TimeUnit.SECONDS.sleep(1);
        if (fleet.ramped().isDone()) {
          progress("connecting", fleet, stats);
        } else if (tick % 5 == 0) {
          progress("ramp", fleet, stats);
        }
      }
      double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
      int connectedAfterRamp = fleet.connected();
      LatencyHistogram rampLatency = stats.newPhase();
      long messagesBefore = stats.messages();
      long errorsBefore = stats.errors();
      long steadyStart = System.nanoTime();
      long steadyEnd = steadyStart + options.duration().toNanos();
      while (System.nanoTime() < steadyEnd) {
        TimeUnit.NANOSECONDS.sleep(
            Math.min(TimeUnit.SECONDS.toNanos(10), steadyEnd - System.nanoTime()));
        progress("steady", fleet, stats);
      }
      double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
      LatencyHistogram steady = stats.newPhase();
      long steadyMessages = stats.messages() - messagesBefore;
      long steadyErrors = stats.errors() - errorsBefore;
      int connectedAtEnd = fleet.connected();

      LoadReport report =
          new LoadReport(
              options,
              spawned != null ? options.serverJvmOptions() : "(not spawned here)",
              ManagementFactory.getRuntimeMXBean().getInputArguments(),
              connectedAfterRamp,
              rampSeconds,
              connectedAtEnd,
              gauges.agentsListed(),
              steadyMessages,
              steadySeconds,
              steady,
              rampLatency,
              stats.errors(),
              steadyErrors,
              stats.errorResponses(),
              stats.topErrors(5),
              stats.disconnects(),
              stats.connects(),
              rssBefore,
              gauges.rssBytes(),
              heapBefore,
              gauges.heapUsedBytes(),
              gauges.heapSource(),
              stats.outOfFileDescriptors() || serverLogSays(spawned, "Too many open files"));
      report.print(out);
      disconnectAll(fleet);
      return report.succeeded() ? 0 : 1;
    }
  }

  private AgentSettings settings(URI opamp, int i, Map<String, String> headers, LoadStats stats) {
    String host = String.format("sim-%05d", i);
    return AgentSettings.builder(opamp, InstanceUid.newV7(clock))
        .capabilities(CAPABILITIES)
        .description(
            i % 5 == 4
                ? AgentDescriptions.fluentd("1.18.0", host)
                : AgentDescriptions.fluentBit("4.0.3", host))
        .effectiveConfig(EFFECTIVE_CONFIG)
        .heartbeatInterval(options.heartbeat())
        .headers(headers)
        .receivedLimit(0)
        .listener(stats)
        .build();
  }

  private void progress(String phase, SimulatedFleet fleet, LoadStats stats) {
    log(
        "%-10s started %d, connected %d, replies %d, errors %d%s",
        phase,
        fleet.started(),
        fleet.connected(),
        stats.messages(),
        stats.errors(),
        stats.outOfFileDescriptors() ? "  ** EMFILE: out of file descriptors **" : "");
  }

  private void disconnectAll(SimulatedFleet fleet) throws InterruptedException {
    try {
      fleet.disconnectAll().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log("not every agent disconnected cleanly: %s", e);
    }
  }

  /** Warns before the run when the agents alone would exceed a process's open-file limit. */
  private void checkFileDescriptorLimits(long serverPid) {
    long needed = options.agents() + 200L;
    long own = openFileLimit(Path.of("/proc/self/limits"));
    if (own > 0 && needed > own) {
      log(
          "WARNING: %d agents need ~%d file descriptors but `ulimit -n` is %d here: expect EMFILE",
          options.agents(), needed, own);
    }
    long server =
        serverPid > 0 ? openFileLimit(Path.of("/proc", Long.toString(serverPid), "limits")) : -1;
    if (server > 0 && needed > server && options.transport().equals("websocket")) {
      log(
          "WARNING: the server's open-file limit is %d, below the ~%d its WebSockets need",
          server, needed);
    }
  }

  private static long openFileLimit(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static boolean serverLogSays(SpawnedServer spawned, String text) {
    if (spawned == null) {
      return false;
    }
    try (var lines = Files.lines(spawned.log())) {
      return lines.anyMatch(l -> l.contains(text));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private void log(String format, Object... args) {
    out.printf(
        "[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }
}
