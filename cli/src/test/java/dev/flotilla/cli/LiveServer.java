package dev.flotilla.cli;

import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * A server on loopback (no sign-in, fast rollout ticks) with simulated agents, and the {@code
 * flotilla} command run against it in-process.
 */
public final class LiveServer implements AutoCloseable {
  /** A Fluent Bit config that passes the server's lint. */
  public static final String GOOD =
      """
      [SERVICE]
          flush        1

      [INPUT]
          name         dummy
          tag          app

      [OUTPUT]
          name         stdout
          match        *
      """;

  /** One lint error: an input plugin that does not exist. */
  public static final String BROKEN = GOOD.replace("dummy", "no_such_input_plugin");

  private final FlotillaServer server;
  private final SimEnvironment env = SimEnvironment.create(Clock.systemUTC());
  private final List<SimulatedAgent> agents = new ArrayList<>();

  public LiveServer(Path dataDir) {
    server =
        FlotillaServer.start(
            ServerConfig.defaults()
                .withBindAddress("127.0.0.1")
                .withOpampPort(0)
                .withApiPort(0)
                .withDataDir(dataDir)
                .withNoAuth(true)
                .withRolloutTickInterval(Duration.ofMillis(50)));
  }

  public String url() {
    return "http://127.0.0.1:" + server.apiPort();
  }

  public Deployments deployments() {
    return new HttpFleetClient(url(), null);
  }

  /** Starts a connected agent with these labels, its settings changed by {@code customize}. */
  public SimulatedAgent agent(
      Map<String, String> labels, UnaryOperator<AgentSettings.Builder> customize) {
    InstanceUid uid = InstanceUid.newV7(Clock.systemUTC());
    AgentSettings.Builder b =
        AgentSettings.builder(URI.create("ws://127.0.0.1:" + server.opampPort() + "/v1/opamp"), uid)
            .description(AgentDescriptions.fluentBit("4.0.3", "host-" + agents.size()))
            .heartbeatInterval(Duration.ofSeconds(1));
    SimulatedAgent agent = new SimulatedAgent(customize.apply(b).build(), env);
    agents.add(agent);
    try {
      agent.start().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("simulated agent did not connect", e);
    }
    if (!labels.isEmpty()) {
      server.fleet().setLabels(uid.toString(), labels);
    }
    return agent;
  }

  public record Run(int code, String out, String err) {}

  /** Runs {@code flotilla ARGS --server URL}. */
  public Run run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  public Run run(CommandLine.IFactory factory, String... args) {
    List<String> full = new ArrayList<>(Arrays.asList(args));
    if (!full.contains("--server")) {
      full.add("--server");
      full.add(url());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Flotilla.commandLine(factory);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(full.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public void close() {
    agents.forEach(SimulatedAgent::close);
    env.close();
    server.close();
  }
}
