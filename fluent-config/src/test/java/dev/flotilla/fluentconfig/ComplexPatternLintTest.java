package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Patterns that make a backtracking matcher run for ever: lint finishes and says what it could not
 * decide. The timeout guards against a hang; it is not a speed target.
 */
@Timeout(30)
class ComplexPatternLintTest {
  private static final String TAG = "a".repeat(40);

  @org.junit.jupiter.api.BeforeAll
  static void catalogs() {
    LintTest.catalogs();
  }

  @Test
  void pathologicalMatchGlobLintsAtOnce() throws IOException {
    String conf =
        "[INPUT]\n    Name dummy\n    Tag  "
            + TAG
            + "\n\n[OUTPUT]\n    Name  stdout\n    Match "
            + "*a".repeat(12)
            + "*b\n";
    List<Finding> findings =
        LintTest.lint(new MemorySource().put("/c/f.conf", conf), "/c/f.conf", "default");
    assertThat(LintTest.codes(findings)).contains("match-no-input");
  }

  @Test
  void pathologicalFluentdMatchLintsAtOnce() throws IOException {
    String conf =
        "<source>\n  @type dummy\n  tag "
            + TAG
            + "\n</source>\n<match "
            + "*a".repeat(12)
            + "*b>\n  @type stdout\n</match>\n";
    List<Finding> findings =
        LintTest.lint(new MemorySource().put("/c/fluent.conf", conf), "/c/fluent.conf", "default");
    assertThat(findings).isNotNull();
  }

  @Test
  void backtrackingMatchRegexIsReportedAsTooComplex() throws IOException {
    String conf =
        "[INPUT]\n    Name dummy\n    Tag  "
            + TAG
            + "\n\n[OUTPUT]\n    Name  stdout\n    Match_Regex "
            + ".*a".repeat(12)
            + ".*b\n";
    List<Finding> findings =
        LintTest.lint(new MemorySource().put("/c/f.conf", conf), "/c/f.conf", "default");
    assertThat(LintTest.codes(findings))
        .contains("regex-too-complex")
        .doesNotContain("match-no-input");
  }

  @Test
  void regexesThatDoNotCompileAreReported() throws IOException {
    String conf =
        "[INPUT]\n    Name dummy\n    Tag  app\n\n[FILTER]\n    Name  grep\n    Match *\n"
            + "    Regex log a[\n\n[OUTPUT]\n    Name  stdout\n    Match_Regex (app\n";
    List<Finding> findings =
        LintTest.lint(new MemorySource().put("/c/f.conf", conf), "/c/f.conf", "default");
    assertThat(LintTest.codes(findings).stream().filter("invalid-regex"::equals)).hasSize(2);
  }
}
