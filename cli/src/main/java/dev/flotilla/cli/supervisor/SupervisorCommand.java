package dev.flotilla.cli.supervisor;

import dev.flotilla.supervisor.Supervisor;
import dev.flotilla.supervisor.SupervisorAssembly;
import dev.flotilla.supervisor.config.SupervisorConfig;
import dev.flotilla.supervisor.config.SupervisorConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla supervisor}: the OpAMP client beside one Fluent Bit or Fluentd. Flags are a quick
 * start; every setting lives in the YAML file given by {@code --config}, and flags override it.
 */
@Command(
    name = "supervisor",
    mixinStandardHelpOptions = true,
    description =
        "Run the OpAMP supervisor beside one Fluent Bit or Fluentd (launch or observe it).")
public final class SupervisorCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Supervisor YAML file (flags win over it).")
  Path config;

  @Option(
      names = "--server-url",
      paramLabel = "URL",
      description = "OpAMP endpoint, e.g. ws://host:4320/v1/opamp or http://host:4320/v1/opamp.")
  String serverUrl;

  @Option(names = "--agent", paramLabel = "TYPE", description = "fluent-bit or fluentd.")
  String agent;

  @Option(
      names = "--executable",
      paramLabel = "PATH",
      description =
          "Agent binary (launched in supervisor mode; used for --dry-run and version in observer mode).")
  Path executable;

  @Option(
      names = "--agent-config",
      paramLabel = "FILE",
      description = "The agent's main config file.")
  Path agentConfig;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the instance uid, last known good config and agent log are kept.")
  Path stateDir;

  @Option(
      names = "--observe",
      paramLabel = "REGEX",
      description = "Observer mode: attach to the running agent whose command line matches REGEX.")
  String observe;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "Bearer token for the OpAMP server.")
  String token;

  Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "server.url", serverUrl);
    put(o, "server.token", token);
    put(o, "agent.type", agent);
    put(o, "agent.executable", executable);
    put(o, "agent.config", agentConfig);
    put(o, "state-dir", stateDir);
    put(o, "agent.observe.match", observe);
    return o;
  }

  private static void put(Map<String, String> o, String key, Object value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }

  @Override
  public Integer call() throws Exception {
    SupervisorConfig c = new SupervisorConfigLoader().load(config, overrides());
    Supervisor supervisor = SupervisorAssembly.start(c, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  supervisor.close();
                  stopped.countDown();
                },
                "supervisor-shutdown"));
    stopped.await();
    return 0;
  }
}
