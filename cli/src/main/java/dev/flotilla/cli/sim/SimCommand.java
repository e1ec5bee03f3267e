package dev.flotilla.cli.sim;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

  @Override
  public Integer call() throws Exception {
    if (agents < 1 || unhealthy < 0 || unhealthy > agents) {
      throw new IllegalArgumentException("--agents must be >= 1 and --unhealthy between 0 and it");
    }
    Clock clock = Clock.systemUTC();
    SimEnvironment env = SimEnvironment.create(clock);
    List<SimulatedAgent> running = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      AgentSettings.Builder b =
          AgentSettings.builder(serverUrl, InstanceUid.newV7(clock))
              .description(AgentDescriptions.fluentBit("5.1.1", String.format("sim-%04d", i)))
              .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
      if (token != null) {
        b.bearerToken(token);
      }
      SimulatedAgent agent = new SimulatedAgent(b.build(), env);
      running.add(agent);
      agent.start();
      if (i < unhealthy) {
        agent.unhealthy("simulated output failure", java.util.Map.of());
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
}
