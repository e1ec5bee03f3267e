package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UnhealthyOutputTest {

  @TempDir Path dir;

  @Test
  void failingOutputMakesTheAgentUnhealthyWithTheAgentsOwnNumbers() throws Exception {
    try (var server = new FakeOpampServer(0);
        var agent = new FluentBitFixture(dir)) {
      String failing =
          agent
              .config("demo_dummy", "    - name: http\n      match: '*'\n      retry_limit: 1\n")
              .replace(
                  "  health_check: on\n",
                  "  health_check: on\n  hc_retry_failure_count: 1\n  hc_period: 10\n");
      Files.writeString(agent.configFile, failing);
      agent.start(server.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.health() != null && server.health().getStatus().equals("unhealthy"));
      assertThat(server.health().getHealthy()).isFalse();
      assertThat(server.health().getLastError())
          .contains("retries_failed=")
          .contains("retries_failed 1");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          server
                              .health()
                              .getComponentHealthMapOrThrow("output")
                              .getComponentHealthMapMap()
                              .get("http.1")
                              .getLastError())
                      .startsWith("errors=0 retries_failed="));
    }
  }
}
