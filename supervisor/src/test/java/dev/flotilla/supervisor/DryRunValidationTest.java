package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With the schema check off, the agent's own {@code --dry-run} is the judge. */
@Timeout(60)
class DryRunValidationTest {

  @TempDir Path dir;

  @Test
  void dryRunFailureIsReportedInTheAgentsWords() throws Exception {
    try (var server = new FakeOpampServer(0);
        var agent = new FluentBitFixture(dir)) {
      var overrides = agent.overrides(server.url());
      overrides.put("remote-config.schema-check", "false");
      var supervisor = agent.start(overrides);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.health() != null && server.health().getHealthy());
      long pid = supervisor.runtime().pid().orElseThrow();
      String before = Files.readString(agent.configFile);
      var hash =
          server.offer(
              "fluent-bit.yaml",
              agent.config("x", "").replace("name: null", "name: does_not_exist"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server.remoteConfigStatus() != null
                      && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                      && server.remoteConfigStatus().getStatus()
                          == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
      assertThat(server.remoteConfigStatus().getErrorMessage())
          .startsWith("fluent-bit --dry-run exited with status 1")
          .contains("section 'does_not_exist' tried to instance a plugin name that doesn't exist");
      assertThat(Files.readString(agent.configFile)).isEqualTo(before);
      assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
    }
  }
}
