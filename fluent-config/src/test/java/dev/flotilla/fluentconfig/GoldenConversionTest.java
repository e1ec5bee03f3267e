package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conversions of corpus files compared with reviewed expected output under {@code golden/}. Run
 * with {@code -Dflotilla.golden.update=true} to rewrite the expected files.
 */
class GoldenConversionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classic/full.conf",
        "classic/parsers.conf",
        "classic/upstream.conf",
        "yaml/full.yaml",
        "yaml/stream_and_routes.yaml"
      })
  void conversionMatchesGolden(String file) throws IOException {
    String text = Corpus.read(file);
    Conversion c =
        file.endsWith(".yaml")
            ? new YamlToClassic().convert(YamlDocument.parse(file, text))
            : new ClassicToYaml().convert(ClassicDocument.parse(file, text));
    StringBuilder actual = new StringBuilder(c.text());
    for (Map.Entry<String, String> extra : new TreeMap<>(c.extraFiles()).entrySet()) {
      actual.append("# ---- ").append(extra.getKey()).append('\n').append(extra.getValue());
    }
    actual.append("# ---- report\n");
    c.report()
        .forEach(
            f ->
                actual
                    .append("# ")
                    .append(f.location().line())
                    .append(' ')
                    .append(f.code())
                    .append(": ")
                    .append(f.message())
                    .append('\n'));
    String name = file.replace('/', '_') + (file.endsWith(".yaml") ? ".conf" : ".yaml");
    Path golden = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("flotilla.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
