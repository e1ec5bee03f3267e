package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a source tree says about options that a {@code -J} dump does not: whether an option may
 * repeat, and its default. Keyed by section, plugin and option, case-insensitively.
 */
public record SourceFacts(Map<String, Fact> facts) {

  /** {@code defaultValue} null means "unknown", not "no default". */
  public record Fact(
      String section,
      String plugin,
      String option,
      boolean repeatable,
      String defaultValue,
      boolean required) {

    public Fact(
        String section, String plugin, String option, boolean repeatable, String defaultValue) {
      this(section, plugin, option, repeatable, defaultValue, false);
    }
  }

  public SourceFacts {
    facts = Map.copyOf(facts);
  }

  public static SourceFacts of(List<Fact> list) {
    Map<String, Fact> map = new LinkedHashMap<>();
    for (Fact f : list) {
      map.put(key(f.section(), f.plugin(), f.option()), f);
    }
    return new SourceFacts(map);
  }

  /**
   * Reads lines {@code section plugin option}, each marking a repeatable option (or, with {@code
   * required}, a required one); {@code #} starts a comment.
   */
  public static SourceFacts parseList(String text, boolean required) {
    List<Fact> list = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] p = t.split("\\s+");
      if (p.length == 3) {
        list.add(new Fact(p[0], p[1], p[2], !required, null, required));
      }
    }
    return of(list);
  }

  public SourceFacts plus(SourceFacts other) {
    Map<String, Fact> map = new LinkedHashMap<>(facts);
    for (var e : other.facts.entrySet()) {
      Fact mine = map.get(e.getKey());
      Fact theirs = e.getValue();
      map.put(
          e.getKey(),
          mine == null
              ? theirs
              : new Fact(
                  theirs.section(),
                  theirs.plugin(),
                  theirs.option(),
                  mine.repeatable() || theirs.repeatable(),
                  theirs.defaultValue() != null ? theirs.defaultValue() : mine.defaultValue(),
                  mine.required() || theirs.required()));
    }
    return new SourceFacts(map);
  }

  /** Sets the repeatable flag and fills defaults the dump left null. */
  public SchemaSet mergeInto(SchemaSet set) {
    List<PluginSchema> docs = new ArrayList<>();
    for (PluginSchema d : set.documents()) {
      List<OptionSchema> options = new ArrayList<>();
      for (OptionSchema o : d.options()) {
        Fact f = facts.get(key(d.section(), d.name(), o.name()));
        if (f == null) {
          options.add(o);
          continue;
        }
        OptionSchema merged = o.withRepeatable(o.repeatable() || f.repeatable());
        if (merged.defaultValue() == null && f.defaultValue() != null) {
          merged = merged.withDefault(f.defaultValue());
        }
        if (f.required() && merged.defaultValue() == null) {
          merged = merged.withRequired(true);
        }
        options.add(merged);
      }
      docs.add(d.withOptions(options));
    }
    return new SchemaSet(set.engine(), set.version(), docs);
  }

  static String key(String section, String plugin, String option) {
    return (section + "/" + plugin + "/" + option).toLowerCase(Locale.ROOT);
  }
}
