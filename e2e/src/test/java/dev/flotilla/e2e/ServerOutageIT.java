package dev.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.Agent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the server down the agent keeps running; the supervisor reconnects with backoff and resyncs.
 */
@Timeout(120)
class ServerOutageIT {

  @TempDir Path dir;

  @Test
  void agentKeepsRunningAndTheSupervisorResyncsAfterTheOutage() throws Exception {
    try (var server = new FleetServer(dir.resolve("server"));
        var agent = new FluentBitBeside(dir.resolve("agent"))) {
      var supervisor = agent.start(server.httpUrl());
      String uid = supervisor.instanceUid().toString();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server
                      .agent(uid)
                      .map(a -> a.health() != null && a.health().healthy())
                      .orElse(false));
      long pid = supervisor.runtime().pid().orElseThrow();

      server.stop();
      await().atMost(Duration.ofSeconds(20)).until(() -> !supervisor.connected());
      // Metrics answer 404 for about a second after every start or reload.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> agent.get("/api/v1/metrics").contains("demo_dummy"));
      assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);

      server.restart();
      await()
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  server
                      .agent(uid)
                      .filter(a -> a.connection() != null && a.connection().connected())
                      .filter(a -> a.health() != null && a.health().healthy())
                      .filter(
                          a ->
                              a.effectiveConfig() != null
                                  && a.effectiveConfig().files().containsKey("fluent-bit.yaml"))
                      .isPresent());
      Agent a = server.agent(uid).orElseThrow();
      assertThat(a.description().identifying()).containsKey("service.version");
      assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
    }
  }
}
