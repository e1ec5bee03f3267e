package dev.flotilla.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RolloutJsonTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void sharesReadCountsAndPercentagesAndWriteThemBack() {
    RolloutRequest r =
        json.readValue(
            """
            {"config":"edge","version":2,"selector":{"env":"prod"},
             "strategy":{"canary":"10%","batchSize":5,"maxFailures":"1","pauseSeconds":3}}
            """,
            RolloutRequest.class);
    assertThat(r.strategy().canary()).isEqualTo(Share.percentOf(10));
    assertThat(r.strategy().batchSize()).isEqualTo(Share.count(5));
    assertThat(r.strategy().maxFailures()).isEqualTo(Share.count(1));
    assertThat(r.selector()).isEqualTo(Map.of("env", "prod"));
    String text = json.writeValueAsString(r.strategy());
    assertThat(text).contains("\"canary\":\"10%\"").contains("\"batchSize\":5");
    assertThat(json.readValue(text, RolloutStrategy.class)).isEqualTo(r.strategy());
  }

  @Test
  void percentagesRoundUpAndCountsCapAtTheTotal() {
    assertThat(Share.percentOf(1).of(10_000)).isEqualTo(100);
    assertThat(Share.percentOf(10).of(3)).isEqualTo(1);
    assertThat(Share.count(5).of(3)).isEqualTo(3);
    assertThatThrownBy(() -> Share.parse("ten")).isInstanceOf(FleetException.class);
  }
}
