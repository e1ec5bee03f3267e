package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fleet.Share;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutOptionsTest {

  @Test
  void defaultsAreTheIssuesBenchmark() {
    RolloutOptions o = RolloutOptions.parse(List.of("--spawn-server", "bin/flotilla"));
    assertThat(o.agents()).isEqualTo(10_000);
    assertThat(o.strategy().canary()).isEqualTo(Share.parse("1%"));
    assertThat(o.strategy().batchSize()).isEqualTo(Share.parse("10%"));
    assertThat(o.strategy().pauseSeconds()).isZero();
    assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.batchSizes())
        .containsExactlyElementsOf(concat(List.of(100), Collections.nCopies(10, 990)));
  }

  @Test
  void batchesCoverEveryAgentWithASmallerLastOne() {
    RolloutOptions o =
        RolloutOptions.parse(
            List.of(
                "--opamp-url", "ws://127.0.0.1:4320/v1/opamp",
                "--api-url", "http://127.0.0.1:4321",
                "--agents", "25",
                "--canary", "2",
                "--batch-size", "10"));
    assertThat(o.batchSizes()).containsExactly(2, 10, 10, 3);
  }

  @Test
  void refusesWhatItCannotRun() {
    assertThatThrownBy(() -> RolloutOptions.parse(List.of("--agents", "10")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--spawn-server");
    assertThatThrownBy(
            () ->
                RolloutOptions.parse(
                    List.of(
                        "--opamp-url", "http://127.0.0.1:4320/v1/opamp",
                        "--api-url", "http://127.0.0.1:4321")))
        .hasMessageContaining("WebSocket");
    assertThatThrownBy(
            () -> RolloutOptions.parse(List.of("--spawn-server", "bin/flotilla", "--agents", "0")))
        .hasMessageContaining("--agents");
    assertThatThrownBy(
            () ->
                RolloutOptions.parse(
                    List.of(
                        "--opamp-url", "ws://10.0.0.1:4320/v1/opamp",
                        "--api-url", "http://127.0.0.1:4321")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RolloutOptions.parse(List.of("--spawn-server", "x", "--bogus", "1")))
        .hasMessageContaining("--bogus");
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
