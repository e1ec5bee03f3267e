package dev.flotilla.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetSummary;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo shows what it promises: healthy agents, one unhealthy, one failed config, one HTTP. */
class DemoFleetTest {
  @TempDir Path dir;

  @Test
  void demoFleetShowsEveryKindOfAgent() {
    ServerConfig config =
        ServerConfig.defaults()
            .withBindAddress("127.0.0.1")
            .withOpampPort(0)
            .withApiPort(0)
            .withDataDir(dir)
            .withNoAuth(true);
    try (FlotillaServer server = FlotillaServer.start(config)) {
      String base = "127.0.0.1:" + server.opampPort() + FlotillaServer.OPAMP_PATH;
      try (DemoFleet fleet =
          new DemoFleet(
              URI.create("ws://" + base), URI.create("http://" + base), Clock.systemUTC())) {
        fleet.start();
        Fleet api = server.fleet();
        DemoCommand.arrange(api, fleet);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  FleetSummary s = api.summary();
                  return s.total() == 6
                      && s.connected() == 6
                      && s.unhealthy() == 1
                      && s.failedConfigs() == 1;
                });
        String http = fleet.member("http").agent().instanceUid().toString();
        assertThat(api.agent(http).connection().transport()).isEqualTo("http");
        String edge = fleet.member("edge-2").agent().instanceUid().toString();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> api.agent(edge).remoteConfigStatus().status().equals("APPLIED"));
        assertThat(api.agent(edge).labels()).containsEntry("env", "prod");
      }
    }
  }
}
