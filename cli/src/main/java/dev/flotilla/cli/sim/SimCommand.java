package dev.flotilla.cli.sim;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla sim}: runs simulated Fluent Bit agents against any OpAMP server. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Run simulated Fluent Bit agents against an OpAMP server, for demos and tests.")
public final class SimCommand implements Callable<Integer> {
  @Option(
      names = "--server-url",
      required = true,
      paramLabel = "URL",
      description =
          "OpAMP endpoint: ws://host:4320/v1/opamp (WebSocket) or http://… (HTTP polling).")
  URI serverUrl;

  @Option(names = "--agents", paramLabel = "N", description = "How many agents (default 5).")
  int agents = 5;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Agent bearer token.")
  String token;

  @Option(
      names = "--heartbeat",
      paramLabel = "SECONDS",
      description = "Heartbeat or poll interval (default 30).")
  long heartbeatSeconds = 30;

  @Option(
      names = "--unhealthy",
      paramLabel = "N",
      description = "How many of them report unhealthy (default 0).")
  int unhealthy;

  @Option(
      names = "--reject-config",
      paramLabel = "REGEX",
      description =
          "Agents report FAILED for a remote config with a file whose text matches REGEX"
              + " (e.g. 'BROKEN', or '.' for every config).")
  Pattern rejectConfig;

  @Option(
      names = "--reject-count",
      paramLabel = "N",
      description = "Only the first N agents follow --reject-config (default: all).")
  Integer rejectCount;

  @Option(
      names = "--unhealthy-after-config",
      paramLabel = "REGEX",
      description = "Agents apply a remote config with a file matching REGEX, then turn unhealthy.")
  Pattern unhealthyAfterConfig;

  @Option(
      names = "--apply-delay",
      paramLabel = "SECONDS",
      description = "How long applying a remote config takes (default 0; fractions allowed).")
  double applyDelaySeconds;

  @Option(
      names = "--attribute",
      paramLabel = "KEY=VALUE",
      description =
          "Non-identifying attribute every agent reports (repeatable), for rollout selectors.")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    validate();
    Clock clock = Clock.systemUTC();
    SimEnvironment env = SimEnvironment.create(clock);
    List<SimulatedAgent> running = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      SimulatedAgent agent = new SimulatedAgent(settings(i, clock), env);
      running.add(agent);
      agent.start();
      if (i < unhealthy) {
        agent.unhealthy("simulated output failure", Map.of());
      }
    }
    System.out.printf("%d simulated agents talking to %s. Ctrl+C to stop.%n", agents, serverUrl);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.forEach(SimulatedAgent::close);
                  env.close();
                  stopped.countDown();
                },
                "flotilla-sim-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * @throws IllegalArgumentException for counts out of range or a negative apply delay
   */
  void validate() {
    if (agents < 1 || unhealthy < 0 || unhealthy > agents) {
      throw new IllegalArgumentException("--agents must be >= 1 and --unhealthy between 0 and it");
    }
    if (rejectCount != null && (rejectCount < 0 || rejectCount > agents)) {
      throw new IllegalArgumentException("--reject-count must be between 0 and --agents");
    }
    if (applyDelaySeconds < 0) {
      throw new IllegalArgumentException("--apply-delay must be >= 0");
    }
  }

  /** The settings of the {@code index}th agent (from 0), as the options say. */
  AgentSettings settings(int index, Clock clock) {
    AgentSettings.Builder b =
        AgentSettings.builder(serverUrl, InstanceUid.newV7(clock))
            .description(description(String.format("sim-%04d", index)))
            .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds))
            .applyDelay(Duration.ofMillis(Math.round(applyDelaySeconds * 1000)))
            .remoteConfig(
                RemoteConfigBehaviour.matching(
                    rejects(index) ? rejectConfig : null, unhealthyAfterConfig));
    if (token != null) {
      b.bearerToken(token);
    }
    return b.build();
  }

  private boolean rejects(int index) {
    return rejectCount == null || index < rejectCount;
  }

  private AgentDescription description(String hostName) {
    AgentDescription plain = AgentDescriptions.fluentBit("5.1.1", hostName);
    Map<String, String> nonIdentifying = AgentDescriptions.nonIdentifying(plain);
    nonIdentifying.putAll(attributes);
    return AgentDescriptions.of(AgentDescriptions.identifying(plain), nonIdentifying);
  }
}
