package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a.yaml | anything | FLUENT_BIT_YAML",
        "a.YML | anything | FLUENT_BIT_YAML",
        "a.conf | [INPUT]\\n    Name cpu | FLUENT_BIT_CLASSIC",
        "a.cfg | @INCLUDE x.conf | FLUENT_BIT_CLASSIC",
        "a.conf | <source>\\n  @type forward\\n</source> | FLUENTD",
        "fluent.conf | @include conf.d/*.conf | FLUENTD",
        "a.conf | @include x.conf\\n[OUTPUT]\\n    Name null | FLUENT_BIT_CLASSIC",
      })
  void picksTheFormatLikeTheEngines(String name, String text, ConfigFormat expected) {
    assertThat(ConfigFormat.detect(name, text.replace("\\n", "\n"))).isEqualTo(expected);
  }
}
