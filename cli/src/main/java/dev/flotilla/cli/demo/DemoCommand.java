package dev.flotilla.cli.demo;

import dev.flotilla.editor.EditorSettings;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.RemoteConfigRequest;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla demo}: a server on loopback with authentication off, plus a handful of simulated
 * agents, so that a newcomer sees a live console within seconds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start a server with a few simulated agents and open the console (no authentication:"
            + " for trying Flotilla out, not for production).")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the demo's SQLite store lives (default ./flotilla-demo).")
  Path dataDir = Path.of("flotilla-demo");

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1).")
  String bind = "127.0.0.1";

  @Option(names = "--opamp-port", paramLabel = "PORT", description = "OpAMP port (default 4320).")
  int opampPort = 4320;

  @Option(
      names = "--api-port",
      paramLabel = "PORT",
      description = "Console and API port (default 4321).")
  int apiPort = 4321;

  @Override
  public Integer call() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withBindAddress(bind)
            .withOpampPort(opampPort)
            .withApiPort(apiPort)
            .withDataDir(dataDir)
            .withNoAuth(true)
            .withHeartbeatInterval(Duration.ofSeconds(10))
            .withEditor(EditorSettings.defaults());
    FlotillaServer server = FlotillaServer.start(config);
    String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
    URI ws = URI.create("ws://" + host + ":" + server.opampPort() + FlotillaServer.OPAMP_PATH);
    URI http = URI.create("http://" + host + ":" + server.opampPort() + FlotillaServer.OPAMP_PATH);
    DemoFleet fleet = new DemoFleet(ws, http, Clock.systemUTC());
    fleet.start();
    arrange(server.fleet(), fleet);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fleet.close();
                  server.close();
                  stopped.countDown();
                },
                "flotilla-demo-shutdown"));
    System.out.printf(
        "%nFlotilla demo is running with %d simulated agents (authentication is OFF).%n"
            + "  Console:  http://%s:%d/%n  Editor:   http://%s:%d/editor/%n"
            + "  API:      http://%s:%d/api/v1/agents%n"
            + "  Agents:   %s%nPress Ctrl+C to stop.%n",
        fleet.members().size(),
        host,
        server.apiPort(),
        host,
        server.apiPort(),
        host,
        server.apiPort(),
        ws);
    stopped.await();
    return 0;
  }

  /** Labels every agent and gives two of them a config: one applies it, one fails it. */
  static void arrange(Fleet api, DemoFleet fleet) {
    for (DemoFleet.Member m : fleet.members()) {
      String uid = m.agent().instanceUid().toString();
      api.setLabels(uid, m.labels());
    }
    RemoteConfigRequest config =
        new RemoteConfigRequest(
            Map.of(
                "fluent-bit.conf",
                new Agent.ConfigFile(
                    DemoFleet.FLUENT_BIT_CONF.replace("config_version: 12", "config_version: 13"),
                    "text/plain")));
    api.setRemoteConfig(fleet.member("edge-2").agent().instanceUid().toString(), config);
    api.setRemoteConfig(fleet.member("failing-config").agent().instanceUid().toString(), config);
  }
}
