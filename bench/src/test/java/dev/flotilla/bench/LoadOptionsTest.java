package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void readsATargetServer() {
    LoadOptions o =
        LoadOptions.parse(
            List.of(
                "--opamp-url",
                "http://127.0.0.1:4320/v1/opamp",
                "--api-url=http://127.0.0.1:4321",
                "--agents",
                "2000",
                "--heartbeat",
                "10s",
                "--duration",
                "2m"));
    assertThat(o.transport()).isEqualTo("http");
    assertThat(o.agents()).isEqualTo(2000);
    assertThat(o.heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.spawnServer()).isNull();
  }

  @Test
  void refusesNonLoopbackServersAndContradictions() {
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--opamp-url", "ws://example.org/v1/opamp")))
        .hasMessageContaining("loopback");
    assertThatThrownBy(
            () ->
                LoadOptions.parse(
                    List.of("--opamp-url", "ws://127.0.0.1:1/v1/opamp", "--transport", "http")))
        .hasMessageContaining("contradicts");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--agents", "5")))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--bogus", "1")))
        .hasMessageContaining("unknown option");
  }

  @Test
  void durations() {
    assertThat(LoadOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(LoadOptions.duration("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(LoadOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
  }
}
