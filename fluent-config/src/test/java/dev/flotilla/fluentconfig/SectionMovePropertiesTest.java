package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fluentconfig.SampleConfigs.Sample;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * A move puts the section where it was asked to go, with the same content, in a file that parses;
 * moving it back gives the text that moving it to its own place gives, which for a section already
 * where the rules would put it is the original text, byte for byte.
 *
 * <p>The files are the corpus and generated ones ({@link SampleConfigs}).
 */
class SectionMovePropertiesTest {

  @Property(tries = 3000)
  void moveThenMoveBack(
      @ForAll("samples") Sample sample,
      @ForAll @IntRange(min = 0, max = 10_000) int pickSection,
      @ForAll @IntRange(min = 0, max = 10_000) int pickTarget,
      @ForAll @IntRange(min = 0, max = 10_000) int pickIndex,
      @ForAll @IntRange(min = 0, max = 10_000) int pickOther) {
    ConfigDocument doc = sample.parse();
    List<Section> all = doc.tree().allSections();
    Section section = all.get(pickSection % all.size());
    String from = parentPath(doc.tree(), section.path());
    // Mostly where a section of this kind can go: its own container, or one like it.
    String parentKind = doc.tree().section(from).map(Section::kind).orElse("");
    List<String> likely = new ArrayList<>(List.of(from));
    all.stream()
        .filter(s -> !from.isEmpty() && s.kind().equals(parentKind))
        .filter(s -> !s.path().equals(section.path()) && !s.path().startsWith(section.path() + "/"))
        .forEach(s -> likely.add(s.path()));
    List<String> targets = new ArrayList<>(likely);
    targets.addAll(likely);
    targets.add("");
    all.forEach(s -> targets.add(s.path()));
    String target = targets.get(pickTarget % targets.size());

    Trip trip;
    try {
      trip = trip(doc, section, target, pickIndex);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      if (sample.file().startsWith("gen.") && likely.contains(target)) {
        throw new AssertionError("refused a move to " + target, refused);
      }
      Statistics.collect(sample.format(), "refused");
      return;
    }
    Statistics.collect(sample.format(), trip.kind());
    if (trip.moved() == doc || cameBackByRule(doc, section, target, from)) {
      return;
    }
    if (!sample.file().startsWith("gen.")) {
      assertThat(trip.returned().render()).isEqualTo(sample.text());
      return;
    }
    // A generated file may hold a section where the rules would not put it (kinds interleaved):
    // then any trip brings it back to where the rules put it, the same place every time.
    String other = targets.get(pickOther % targets.size());
    Trip second;
    try {
      second = trip(doc, section, other, pickOther);
    } catch (IllegalArgumentException refused) {
      return;
    }
    if (second.moved() != doc && !cameBackByRule(doc, section, other, from)) {
      assertThat(second.returned().render()).isEqualTo(trip.returned().render());
    }
  }

  @Example
  void everyMoveOfACorpusSectionAndBackGivesTheFileBack() {
    int trips = 0;
    for (String file : Corpus.validFiles()) {
      String text = Corpus.read(file);
      ConfigDocument doc = ConfigDocument.parse(file, text);
      List<String> targets = new ArrayList<>(List.of(""));
      doc.tree().allSections().forEach(s -> targets.add(s.path()));
      for (Section section : doc.tree().allSections()) {
        String from = parentPath(doc.tree(), section.path());
        for (String target : targets) {
          for (int pick : List.of(0, Integer.MAX_VALUE)) {
            Trip trip;
            try {
              trip = trip(doc, section, target, pick);
            } catch (IllegalArgumentException refused) {
              continue;
            }
            trips++;
            if (cameBackByRule(doc, section, target, from)) {
              assertThat(shape(trip.returned().tree()))
                  .containsExactlyInAnyOrderElementsOf(shape(doc.tree()));
            } else {
              assertThat(trip.returned().render())
                  .as("%s: %s to %s and back", file, section.path(), target)
                  .isEqualTo(text);
            }
          }
        }
      }
    }
    assertThat(trips).isGreaterThan(500);
  }

  /** A move, where the section landed, and the move back. */
  record Trip(ConfigDocument moved, Section landed, ConfigDocument returned, String kind) {}

  /**
   * Moves the section to {@code target}, at an index {@code pick} chooses (first or last for 0 and
   * {@link Integer#MAX_VALUE}); checks that the file parses and the section is there with its
   * content, everything else unchanged; moves it back.
   */
  static Trip trip(ConfigDocument doc, Section section, String target, int pick) {
    String from = parentPath(doc.tree(), section.path());
    int count =
        (int)
            sameKind(doc, children(doc.tree(), target), section).stream()
                .filter(s -> !s.path().equals(section.path()))
                .count();
    int back = sameKind(doc, children(doc.tree(), from), section).indexOf(section);
    int index = pick == Integer.MAX_VALUE ? count : pick % (count + 1);
    if (target.equals(from) && count > 0 && pick != Integer.MAX_VALUE && pick > 0) {
      index = (pick % count + back + 1) % (count + 1); // anywhere but where it is
    }
    ConfigDocument moved = doc.withSectionMoved(section.path(), target, index);
    if (target.equals(from) && index == back) {
      assertThat(moved).isSameAs(doc);
      return new Trip(moved, section, moved, "in place");
    }
    String text = moved.render();
    assertThat(ConfigDocument.parse(doc.file(), text, doc.format()).render()).isEqualTo(text);
    // Paths number sections by kind, so the move may renumber the containers too.
    String targetNow = renumbered(target, section.path(), -1);
    Section landed = sameKind(moved, children(moved.tree(), targetNow), section).get(index);
    assertThat(content(landed)).isEqualTo(content(section));
    assertThat(contents(moved.tree())).containsExactlyInAnyOrderElementsOf(contents(doc.tree()));
    String fromNow = renumbered(renumbered(from, section.path(), -1), landed.path(), +1);
    ConfigDocument returned = moved.withSectionMoved(landed.path(), fromNow, back);
    return new Trip(moved, landed, returned, target.equals(from) ? "reordered" : "moved");
  }

  @Property(tries = 300)
  void indexesOutsideTheRangeAreRefused(
      @ForAll("samples") Sample sample, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    ConfigDocument doc = sample.parse();
    List<Section> all = doc.tree().allSections();
    Section section = all.get(pick % all.size());
    String from = parentPath(doc.tree(), section.path());
    int count = sameKind(doc, children(doc.tree(), from), section).size() - 1;
    assertThatThrownBy(() -> doc.withSectionMoved(section.path(), from, count + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> doc.withSectionMoved(section.path(), from, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 1000)
  void anAddedSectionIsTheLastOfItsKindThere(
      @ForAll("samples") Sample sample,
      @ForAll @IntRange(min = 0, max = 10_000) int pick,
      @ForAll @IntRange(min = 0, max = 2) int signal) {
    ConfigDocument doc = sample.parse();
    List<Section> all = doc.tree().allSections();
    Section parent = all.get(pick % all.size());
    String[] child =
        childFor(doc.format(), parent.kind(), List.of("logs", "metrics", "traces").get(signal));
    if (child == null) {
      assertThatThrownBy(() -> doc.withChildSection(parent.path(), "bogus", "", Map.of("a", "b")))
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    ConfigDocument added;
    try {
      added = doc.withChildSection(parent.path(), child[0], child[1], Map.of(child[2], "added"));
    } catch (IllegalArgumentException refused) {
      assertThat(sample.file()).doesNotStartWith("gen.");
      return;
    }
    String text = added.render();
    assertThat(ConfigDocument.parse(sample.file(), text, sample.format()).render()).isEqualTo(text);
    List<Section> kin =
        children(added.tree(), parent.path()).stream()
            .filter(s -> s.kind().equals(child[0]))
            .filter(
                s -> doc.format() != ConfigFormat.FLUENT_BIT_YAML || s.argument().equals(child[1]))
            .toList();
    Section last = kin.get(kin.size() - 1);
    assertThat(last.value(child[2])).contains("added");
    List<String> before = new ArrayList<>(contents(doc.tree()));
    List<String> after = new ArrayList<>(contents(added.tree()));
    after.remove(after.indexOf(own(last)));
    assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    if (doc.format() != ConfigFormat.FLUENT_BIT_CLASSIC) {
      assertThat(added.withoutSection(last.path()).render()).isEqualTo(sample.text());
    }
  }

  /** A kind, argument and key that the format holds inside a section of {@code parentKind}. */
  private static String[] childFor(ConfigFormat format, String parentKind, String signal) {
    return switch (format) {
      case FLUENT_BIT_YAML ->
          switch (parentKind) {
            case "input", "filter", "output" -> new String[] {"processor", signal, "name"};
            case "upstream" -> new String[] {"node", "", "name"};
            case "multiline_parser" -> new String[] {"rule", "", "state"};
            default -> null;
          };
      case FLUENTD ->
          switch (parentKind) {
            case "label", "worker" -> new String[] {"match", "added.**", "@type"};
            case "system" -> new String[] {"log", "", "format"};
            default -> new String[] {"buffer", "tag", "@type"};
          };
      case FLUENT_BIT_CLASSIC ->
          parentKind.equals("upstream") ? new String[] {"node", "", "name"} : null;
    };
  }

  @Provide
  Arbitrary<Sample> samples() {
    return SampleConfigs.any();
  }

  /**
   * A section that was the only one of its kind in its container comes back by the rule for a
   * container without its kind (Fluentd: at the end, a filter before the first match; YAML: its
   * list key created anew at the end of the map), not necessarily where it was.
   */
  private static boolean cameBackByRule(
      ConfigDocument doc, Section section, String target, String from) {
    return !target.equals(from) && sameKind(doc, children(doc.tree(), from), section).size() == 1;
  }

  /**
   * Where {@code path} is once the section at {@code moved} leaves ({@code -1}) or arrives there
   * ({@code +1}): later sections of its kind in its container shift by one.
   */
  static String renumbered(String path, String moved, int shift) {
    String list = moved.substring(0, moved.lastIndexOf('/') + 1);
    String rest = path.startsWith(list) ? path.substring(list.length()) : "";
    int end = rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/');
    if (!moved.substring(list.length()).matches("\\d+") || !rest.matches("\\d+(/.*)?")) {
      return path;
    }
    int n = Integer.parseInt(moved.substring(list.length()));
    int m = Integer.parseInt(rest.substring(0, end));
    boolean later = shift < 0 ? m > n : m >= n;
    return later ? list + (m + shift) + rest.substring(end) : path;
  }

  static String parentPath(ConfigTree tree, String path) {
    return tree.parent(path).map(Section::path).orElse("");
  }

  static List<Section> children(ConfigTree tree, String path) {
    return path.isEmpty() ? tree.sections() : tree.section(path).orElseThrow().children();
  }

  /** Siblings that count for the index: same kind, and for YAML processors the same signal. */
  static List<Section> sameKind(ConfigDocument doc, List<Section> siblings, Section section) {
    boolean bySignal =
        doc.format() == ConfigFormat.FLUENT_BIT_YAML && section.kind().equals("processor");
    return siblings.stream()
        .filter(s -> s.kind().equals(section.kind()))
        .filter(s -> !bySignal || s.argument().equals(section.argument()))
        .toList();
  }

  /** What a section holds, its own sections included, without where it is. */
  static String content(Section s) {
    StringBuilder sb = new StringBuilder(s.kind()).append(' ').append(s.argument()).append(' ');
    s.properties().forEach(p -> sb.append(show(p)).append(';'));
    // Sections of different kinds (or signals) may change order; paths say where each one is.
    s.children().stream()
        .map(c -> c.path().substring(s.path().length()) + "{" + content(c) + "}")
        .sorted()
        .forEach(sb::append);
    return sb.toString();
  }

  /** Every section's own kind, argument and properties: what a move must not change. */
  static List<String> contents(ConfigTree tree) {
    return tree.allSections().stream().map(SectionMovePropertiesTest::own).toList();
  }

  /** A section's own kind, argument and properties. */
  static String own(Section s) {
    return s.kind()
        + " "
        + s.argument()
        + " "
        + s.properties().stream().map(SectionMovePropertiesTest::show).toList();
  }

  /** A YAML map or list value is its source text, whose indentation a move may change. */
  static String show(dev.flotilla.fluentconfig.model.Property p) {
    String value =
        p.structured()
            ? String.join(
                "\n", p.value().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
            : p.value();
    return p.key() + "=" + value;
  }

  /** Every section's path and content. */
  static List<Map.Entry<String, String>> shape(ConfigTree tree) {
    return tree.allSections().stream().map(s -> Map.entry(s.path(), content(s))).toList();
  }
}
