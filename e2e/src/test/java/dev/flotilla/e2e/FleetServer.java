package dev.flotilla.e2e;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A real Flotilla server on ephemeral ports, with an operator client over its REST API. */
final class FleetServer implements AutoCloseable {

  private final Path dataDir;
  private FlotillaServer server;
  private int opampPort;
  private Fleet fleet;

  FleetServer(Path dataDir) {
    this.dataDir = dataDir;
    start(0, 0);
  }

  private void start(int opamp, int api) {
    server =
        FlotillaServer.start(
            ServerConfig.defaults()
                .withOpampPort(opamp)
                .withApiPort(api)
                .withDataDir(dataDir)
                .withNoAuth(true)
                .withHeartbeatInterval(Duration.ofSeconds(1)));
    opampPort = server.opampPort();
    fleet = new HttpFleetClient("http://127.0.0.1:" + server.apiPort(), null);
  }

  URI webSocketUrl() {
    return URI.create("ws://127.0.0.1:" + opampPort + FlotillaServer.OPAMP_PATH);
  }

  URI httpUrl() {
    return URI.create("http://127.0.0.1:" + opampPort + FlotillaServer.OPAMP_PATH);
  }

  Fleet fleet() {
    return fleet;
  }

  /** The agent as the REST API shows it, or empty while the server does not know it. */
  Optional<Agent> agent(String uid) {
    try {
      return Optional.ofNullable(fleet.agent(uid));
    } catch (FleetException e) {
      return Optional.empty();
    }
  }

  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts again on the same OpAMP port and data folder (the API port may change). */
  void restart() {
    stop();
    start(opampPort, 0);
  }

  @Override
  public void close() {
    stop();
  }
}
