package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

  static List<String> validFiles() {
    return Corpus.validFiles();
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void parseThenRenderGivesBackTheSameBytes(String file) {
    String text = Corpus.read(file);
    ConfigDocument doc = ConfigDocument.parse(file, text);
    assertThat(doc.render()).isEqualTo(text);
    assertThat(doc.tree().sections()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "errors/classic_undefined_value.conf, 3, 5, undefined value",
    "errors/classic_missing_bracket.conf, 1, 1, missing ']'",
    "errors/classic_tabs.conf, 3, 1, inconsistent use of tab and space",
    "errors/yaml_dup_service.yaml, 3, 1, duplicated definition of 'service'",
    "errors/yaml_syntax.yaml, 5, 1, invalid YAML",
    "errors/fluentd_mismatch.conf, 3, 1, unmatched end tag",
    "errors/fluentd_eof.conf, 3, 1, expected end tag '</source>'",
  })
  void errorsCarryFileLineAndColumn(String file, int line, int column, String message) {
    String text = Corpus.read(file);
    assertThatThrownBy(() -> ConfigDocument.parse(file, text))
        .isInstanceOfSatisfying(
            ConfigParseException.class,
            e -> {
              assertThat(e.location()).isEqualTo(Location.of(file, line, column));
              assertThat(e.reason()).contains(message);
            });
  }
}
