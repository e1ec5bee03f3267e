package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a file says, loading and linting it yields findings, never an exception. */
class FuzzLintTest {
  static Linter linter;

  @BeforeContainer
  static void setUp() throws IOException {
    linter =
        new Linter(
            SchemaCatalog.bundled("fluent-bit", "5.1.1", BundledSchemaTest.JSON),
            SchemaCatalog.bundled("fluentd", "1", BundledSchemaTest.JSON),
            Profile.bundled("strict", BundledSchemaTest.JSON.mapper()));
  }

  @Property(tries = 200)
  void lintNeverThrows(
      @ForAll("corpusFile") String file,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll("snippet") String insert)
      throws IOException {
    String text = Corpus.read(file);
    int at = position % (text.length() + 1);
    String mutated = text.substring(0, at) + insert + text.substring(at);
    String main = "/fuzz/" + file;
    MemorySource source = new MemorySource().put(main, mutated);
    List<Finding> findings = linter.lint(new ConfigLoader(source).load(Path.of(main)));
    assertThat(findings).allSatisfy(f -> assertThat(f.location().line()).isNotNegative());
  }

  @Provide
  Arbitrary<String> corpusFile() {
    return Arbitraries.of(Corpus.validFiles());
  }

  @Provide
  Arbitrary<String> snippet() {
    return Arbitraries.of(
            "\n    Match_Regex (\n",
            "\n    Match [\n",
            "\n    Name\ttail\n",
            "\n    Port 99999999999999999999\n",
            "\n    Port -1\n",
            "\n  match: '*'\n",
            "\n    Rule $a ^x$ new.tag false\n",
            "\n    Parser ${X}\n",
            "\n    Name ${P}\n",
            "\n@INCLUDE /fuzz/classic/full.conf\n",
            "\n  @label @X\n",
            "\n  port 1\n",
            "\n    Listen ::\n",
            "\n    multiline.parser ,,\n",
            "\n    Upstream ../x\n",
            "x",
            "\n",
            " ",
            "{",
            "*")
        .list()
        .ofMaxSize(4)
        .map(l -> String.join("", l));
  }
}
