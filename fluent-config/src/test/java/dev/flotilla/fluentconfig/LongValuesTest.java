package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.MetadataHeader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Long values found by the fuzz test: no stack overflow, no time quadratic in a line. */
class LongValuesTest {

  @Test
  void aMultilineRuleWithALongQuotedRegexConverts() {
    String regex = "a: {".repeat(5000);
    String text =
        "[MULTILINE_PARSER]\n    name m\n    type regex\n"
            + "    rule \"start_state\" \""
            + regex
            + "\" \"cont\"\n    rule \"cont\" \"/\\\"x\\\"/\" \"cont\"\n";
    Conversion c = new ClassicToYaml().convert(ClassicDocument.parse("p.conf", text));
    assertThat(c.text().contains("regex: '" + regex.strip() + "'")).isTrue();
    assertThat(c.text().contains("regex: '/\"x\"/'")).isTrue();
  }

  @Test
  void aHeaderLineWithAMillionSpacesReadsAndWritesInLinearTime() {
    String text = "# config_version: a" + " ".repeat(1_000_000) + "b\n[INPUT]\n    Name cpu\n";
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          ConfigMetadata m = MetadataHeader.read(text);
          assertThat(m.get("config_version")).hasValueSatisfying(v -> assertThat(v).endsWith("b"));
          assertThat(MetadataHeader.write(text, m.with("date", "x"))).endsWith("    Name cpu\n");
        });
  }
}
