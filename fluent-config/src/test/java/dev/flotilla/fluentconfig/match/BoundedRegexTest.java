package dev.flotilla.fluentconfig.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.match.BoundedRegex.Outcome;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {
  @Test
  void ordinaryPatternsMatch() {
    BoundedRegex r = BoundedRegex.compile("^kube\\.var\\..*$").orElseThrow();
    assertThat(r.matches("kube.var.log")).isEqualTo(Outcome.MATCH);
    assertThat(r.find("app.log")).isEqualTo(Outcome.NO_MATCH);
    assertThat(BoundedRegex.compile("log").orElseThrow().find("app.log.x"))
        .isEqualTo(Outcome.MATCH);
  }

  @Test
  void catastrophicBacktrackingIsTooComplex() {
    // Java's engine copes with (a+)+b, not with this one: the audit's glob written as a regex
    BoundedRegex r = BoundedRegex.compile(".*a".repeat(12) + ".*b").orElseThrow();
    assertThat(r.matches("a".repeat(40))).isEqualTo(Outcome.TOO_COMPLEX);
    assertThat(r.find("a".repeat(40) + "c")).isEqualTo(Outcome.TOO_COMPLEX);
  }

  @Test
  void deepRecursionIsTooComplex() {
    BoundedRegex r = BoundedRegex.compile("(a|b)*", Long.MAX_VALUE).orElseThrow();
    assertThat(r.matches("ab".repeat(200_000))).isIn(Outcome.MATCH, Outcome.TOO_COMPLEX);
  }

  @Test
  void invalidPatternsAreReported() {
    assertThat(BoundedRegex.compile("a[")).isEmpty();
    assertThat(BoundedRegex.syntaxError("a[")).isPresent();
    assertThat(BoundedRegex.syntaxError("a+")).isEmpty();
  }

  @Test
  void interruptStopsAMatch() {
    Thread.currentThread().interrupt();
    try {
      assertThat(
              BoundedRegex.compile(".*a".repeat(12) + ".*b", Long.MAX_VALUE)
                  .orElseThrow()
                  .matches("a".repeat(40)))
          .isEqualTo(Outcome.TOO_COMPLEX);
    } finally {
      Thread.interrupted();
    }
  }
}
