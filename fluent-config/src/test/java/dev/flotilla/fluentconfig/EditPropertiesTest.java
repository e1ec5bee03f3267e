package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A structured edit changes the edited value only: it reads back, every other section reads the
 * same, and the text before and after the edited section is byte-identical.
 */
class EditPropertiesTest {

  @net.jqwik.api.Property(tries = 300)
  void setValueTouchesOnlyItsSection(
      @ForAll("corpusFile") String file,
      @ForAll @IntRange(min = 0, max = 10_000) int pick,
      @ForAll("key") String key,
      @ForAll("value") String value) {
    String text = Corpus.read(file);
    ConfigDocument doc = ConfigDocument.parse(file, text);
    List<Section> editable =
        doc.tree().allSections().stream()
            .filter(s -> !s.properties().isEmpty())
            .filter(s -> !s.kind().equals("plugins"))
            .toList();
    if (editable.isEmpty()) {
      return;
    }
    Section target = editable.get(pick % editable.size());
    ConfigDocument edited;
    try {
      edited = doc.withValue(target.path(), key, value);
    } catch (IllegalArgumentException refused) {
      assertThat(doc.format() == ConfigFormat.FLUENT_BIT_YAML ? key : key.substring(0, 1))
          .matches("[@\\[#<].*|.*[^A-Za-z0-9_.].*");
      return;
    }
    Section after = edited.tree().section(target.path()).orElseThrow();
    assertThat(after.value(key)).contains(value);
    Map<String, List<String>> before = snapshot(doc, target.path());
    assertThat(snapshot(edited, target.path())).isEqualTo(before);
    String out = edited.render();
    int prefix = 0;
    while (prefix < Math.min(text.length(), out.length())
        && text.charAt(prefix) == out.charAt(prefix)) {
      prefix++;
    }
    int firstChangedLine =
        (int) text.substring(0, prefix).chars().filter(c -> c == '\n').count() + 1;
    assertThat(firstChangedLine).isGreaterThanOrEqualTo(target.location().line());
  }

  @net.jqwik.api.Property(tries = 200)
  void removingASectionKeepsEveryOtherOne(
      @ForAll("corpusFile") String file, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    ConfigDocument doc = ConfigDocument.parse(file, Corpus.read(file));
    List<Section> all = doc.tree().allSections();
    if (all.isEmpty()) {
      return;
    }
    Section target = all.get(pick % all.size());
    ConfigDocument removed;
    try {
      removed = doc.withoutSection(target.path());
    } catch (IllegalArgumentException refused) {
      assertThat(doc.format()).isEqualTo(ConfigFormat.FLUENT_BIT_YAML);
      return;
    }
    List<String> expected = new java.util.ArrayList<>(contents(all));
    expected.removeAll(
        contents(
            new dev.flotilla.fluentconfig.model.ConfigTree(
                    "", doc.format(), List.of(target), List.of(), List.of())
                .allSections()));
    assertThat(contents(removed.tree().allSections()))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> contents(List<Section> sections) {
    return sections.stream()
        .map(
            s ->
                s.kind()
                    + " "
                    + s.argument()
                    + " "
                    + s.properties().stream().map(EditPropertiesTest::show).toList())
        .toList();
  }

  private static Map<String, List<String>> snapshot(ConfigDocument doc, String except) {
    return doc.tree().allSections().stream()
        .filter(s -> !s.path().equals(except))
        .collect(
            Collectors.toMap(
                Section::path,
                s -> s.properties().stream().map(EditPropertiesTest::show).toList(),
                (a, b) -> a));
  }

  private static String show(Property p) {
    return p.key() + "=" + p.value();
  }

  @Provide
  Arbitrary<String> corpusFile() {
    return Arbitraries.of(Corpus.validFiles());
  }

  @Provide
  Arbitrary<String> key() {
    return Arbitraries.oneOf(
        Arbitraries.of("tag", "Match", "name", "port", "log_level", "@type", "path"),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('_', '.')
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(k -> Character.isLetter(k.charAt(0))));
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('*', '#', ' ', ':', '\'', '"', '{', '}', '[', ']', '$', '-', '.', '/', '\\', '@')
        .ofMinLength(1)
        .ofMaxLength(20)
        .filter(v -> v.equals(v.strip()) && !v.isEmpty());
  }
}
