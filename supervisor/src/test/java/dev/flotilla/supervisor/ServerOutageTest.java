package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class ServerOutageTest {

  @TempDir Path dir;

  @Test
  void agentKeepsRunningWhileTheServerIsDownAndStateIsResentAfterwards() throws Exception {
    int port = FluentBitFixture.freePort();
    try (var agent = new FluentBitFixture(dir)) {
      var first = new FakeOpampServer(port);
      var supervisor = agent.start(first.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> first.health() != null && first.health().getHealthy());
      long pid = supervisor.runtime().pid().orElseThrow();
      first.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !supervisor.connected());
      // Metrics answer 404 for about a second after every start or reload.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> agent.get("/api/v1/metrics").contains("demo_dummy"));
      assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
      try (var second = new FakeOpampServer(port)) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    second.description() != null
                        && second.health() != null
                        && !second.effectiveFiles().isEmpty());
        assertThat(second.lastUid()).isEqualTo(supervisor.instanceUid());
        assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
      }
    }
  }

  @Test
  void startsTheAgentOnTheLastKnownGoodConfigWhenTheServerIsUnreachable() throws Exception {
    try (var server = new FakeOpampServer(0);
        var agent = new FluentBitFixture(dir)) {
      agent.start(server.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.health() != null && server.health().getHealthy());
      var hash = server.offer("fluent-bit.yaml", agent.config("from_server", ""));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server.remoteConfigStatus() != null
                      && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                      && server.remoteConfigStatus().getStatus()
                          == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
      agent.close();
      // Something overwrote the file while the supervisor was down.
      Files.writeString(agent.configFile, agent.config("local_edit", ""));
      var unreachable = URI.create("http://127.0.0.1:" + FluentBitFixture.freePort() + "/v1/opamp");
      var supervisor = agent.start(unreachable);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> agent.get("/api/v1/metrics").contains("from_server"));
      assertThat(supervisor.connected()).isFalse();
      assertThat(Files.readString(agent.configFile)).contains("from_server");
    }
  }
}
