package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadOptionsTest {

  @Test
  void defaultsRunEveryScenarioAgainstALowGlobalLimit() {
    OverloadOptions o = OverloadOptions.parse(List.of("--spawn-server", "bin/flotilla"));
    assertThat(o.scenarios()).containsExactlyElementsOf(OverloadOptions.SCENARIOS);
    assertThat(o.scenarioDuration()).isEqualTo(Duration.ofSeconds(12));
    assertThat(o.idleWebSockets()).isEqualTo(5000);
    assertThat(o.serverFlags())
        .containsSequence("--max-requests-per-second", "200")
        .containsSequence("--max-requests-per-second-per-agent", "10")
        .containsSequence("--request-read-timeout-millis", "5000");
  }

  @Test
  void rateAgentsOfferTenTimesTheGlobalLimitEachUnderItsOwn() {
    OverloadOptions o =
        OverloadOptions.parse(
            List.of(
                "--spawn-server", "bin/flotilla",
                "--max-requests-per-second", "300",
                "--max-requests-per-second-per-agent", "8"));
    // 4 messages a second each: 750 agents offer 3000/s
    assertThat(o.rateAgents()).isEqualTo(750);
  }

  @Test
  void scenariosAndServerArgsAreLists() {
    OverloadOptions o =
        OverloadOptions.parse(
            List.of(
                "--spawn-server=bin/flotilla",
                "--scenarios=flood,slowloris",
                "--scenario-duration=500ms",
                "--server-args",
                "--max-connections 9000"));
    assertThat(o.scenarios()).containsExactly("flood", "slowloris");
    assertThat(o.scenarioDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.serverFlags()).endsWith("--max-connections", "9000");
  }

  @Test
  void refusesWhatItCannotRun() {
    assertThatThrownBy(() -> OverloadOptions.parse(List.of("--scenarios", "flood")))
        .hasMessageContaining("--spawn-server");
    assertThatThrownBy(
            () -> OverloadOptions.parse(List.of("--spawn-server", "f", "--scenarios", "nap")))
        .hasMessageContaining("unknown scenario");
    assertThatThrownBy(
            () ->
                OverloadOptions.parse(List.of("--spawn-server", "f", "--scenario-duration", "1h")))
        .hasMessageContaining("--scenario-duration");
    assertThatThrownBy(
            () -> OverloadOptions.parse(List.of("--spawn-server", "f", "--idle-websockets", "-1")))
        .hasMessageContaining("--idle-websockets");
  }
}
