package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.model.Variables;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void configVariablesWinOverTheEnvironmentAndDefaultsApply() {
    Map<String, String> env = Map.of("OUT", "/env", "EMPTY", "");
    Map<String, String> defined = Map.of("OUT", "/conf");
    assertThat(Variables.expand("${OUT}/x", defined, env::get)).isEqualTo("/conf/x");
    assertThat(Variables.expand("${NOPE}-${EMPTY:-d}-${NOPE:-z}", defined, env::get))
        .isEqualTo("-d-z");
    assertThat(Variables.referenced("${A} ${B:-x} ${C}")).containsExactly("A", "C");
  }
}
