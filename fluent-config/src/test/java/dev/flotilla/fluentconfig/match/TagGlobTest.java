package dev.flotilla.fluentconfig.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The linear matcher agrees with a backtracking reference on every small pattern, and patterns that
 * make a backtracking engine run for ever finish at once.
 */
class TagGlobTest {
  /** The translation the engines' semantics were first written as; slow but obviously right. */
  private static boolean reference(String pattern, String tag, boolean fluentd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (fluentd && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          boolean dotAfter = i + 2 < pattern.length() && pattern.charAt(i + 2) == '.';
          sb.append(dotAfter ? "(?:.*\\.)?" : ".*");
          i += dotAfter ? 2 : 1;
        } else {
          sb.append(fluentd ? "[^.]*" : ".*");
        }
      } else if (fluentd && c == '{' && pattern.indexOf('}', i) > 0) {
        int end = pattern.indexOf('}', i);
        sb.append("(?:");
        String[] alts = pattern.substring(i + 1, end).split(",", -1);
        for (int a = 0; a < alts.length; a++) {
          sb.append(a > 0 ? "|" : "").append(Pattern.quote(alts[a]));
        }
        sb.append(")");
        i = end;
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString()).matcher(tag).matches();
  }

  @Property(tries = 3000)
  void fluentBitAgreesWithReference(
      @ForAll("patterns") String pattern, @ForAll("tags") String tag) {
    assertThat(TagGlob.fluentBit(pattern).matches(tag)).isEqualTo(reference(pattern, tag, false));
  }

  @Property(tries = 3000)
  void fluentdAgreesWithReference(@ForAll("patterns") String pattern, @ForAll("tags") String tag) {
    assertThat(TagGlob.fluentd(pattern).matches(tag)).isEqualTo(reference(pattern, tag, true));
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars("ab.*{},").ofMaxLength(9);
  }

  @Provide
  Arbitrary<String> tags() {
    return Arbitraries.strings().withChars("ab.,{}").ofMaxLength(10);
  }

  @Example
  void knownCases() {
    assertThat(TagGlob.fluentBit("kube.*").matches("kube.var.log.x")).isTrue();
    assertThat(TagGlob.fluentBit("*").matches("")).isTrue();
    assertThat(TagGlob.fluentd("kube.*").matches("kube.var.log")).isFalse();
    assertThat(TagGlob.fluentd("kube.**").matches("kube.var.log")).isTrue();
    assertThat(TagGlob.fluentd("**.log").matches("log")).isTrue();
    assertThat(TagGlob.fluentd("app.{web,db}").matches("app.db")).isTrue();
    assertThat(TagGlob.fluentd("app.{web,db").matches("app.{web,db")).isTrue();
  }

  /** The audit's pattern: with backtracking this runs for ever against a 40-character tag. */
  @Example
  void pathologicalPatternsFinish() {
    String tag = "a".repeat(40);
    String pattern = "*a".repeat(12) + "*b";
    assertThat(TagGlob.fluentBit(pattern).matches(tag)).isFalse();
    assertThat(TagGlob.fluentd(pattern.replace("*", "**")).matches(tag)).isFalse();
    String longTag = "a".repeat(5_000);
    assertThat(TagGlob.fluentBit("*a".repeat(200) + "*b").matches(longTag)).isFalse();
    assertThat(TagGlob.fluentBit("*a".repeat(200) + "*").matches(longTag)).isTrue();
  }
}
