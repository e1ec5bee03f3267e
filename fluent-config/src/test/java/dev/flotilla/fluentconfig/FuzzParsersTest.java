package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Arbitrary text must either parse, and then render back unchanged, or fail with a located {@link
 * ConfigParseException}; any other exception fails the property.
 */
class FuzzParsersTest {

  @Property(tries = 300)
  void classic(@ForAll("configish") String text) {
    check("f.conf", text, ConfigFormat.FLUENT_BIT_CLASSIC);
  }

  @Property(tries = 300)
  void yaml(@ForAll("configish") String text) {
    check("f.yaml", text, ConfigFormat.FLUENT_BIT_YAML);
  }

  @Property(tries = 300)
  void fluentd(@ForAll("configish") String text) {
    check("f.conf", text, ConfigFormat.FLUENTD);
  }

  @Property(tries = 200)
  void mutatedCorpus(
      @ForAll("corpusFile") String file,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll("configish") String insert) {
    String text = Corpus.read(file);
    int at = position % (text.length() + 1);
    String mutated = text.substring(0, at) + insert + text.substring(at);
    check(file, mutated, ConfigFormat.detect(file, text));
  }

  private static void check(String file, String text, ConfigFormat format) {
    try {
      ConfigDocument doc = ConfigDocument.parse(file, text, format);
      assertThat(doc.render()).isEqualTo(text);
      doc.tree();
    } catch (ConfigParseException e) {
      assertThat(e.location().file()).isEqualTo(file);
      assertThat(e.location().line()).isPositive();
      assertThat(e.reason()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> configish() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "[INPUT]",
            "[",
            "]",
            "@INCLUDE",
            "@SET a=b",
            "@include",
            "<source>",
            "</source>",
            "<match **>",
            "</match>",
            "Name",
            "cpu",
            " ",
            "    ",
            "\t",
            "\n",
            "\r\n",
            "#",
            ":",
            "- ",
            "{",
            "}",
            "[",
            "\"",
            "'",
            "key",
            "value",
            "&a",
            "*a",
            "!!str",
            "---",
            "é",
            "\uFEFF",
            "service:",
            "pipeline:",
            "inputs:",
            "  - name: x",
            "${VAR}",
            "\\");
    Arbitrary<String> joined = tokens.list().ofMaxSize(40).map(l -> String.join("", l));
    return Arbitraries.oneOf(joined, Arbitraries.strings().ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> corpusFile() {
    return Arbitraries.of(Corpus.validFiles());
  }
}
