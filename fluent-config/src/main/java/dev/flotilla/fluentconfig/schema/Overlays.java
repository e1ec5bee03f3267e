package dev.flotilla.fluentconfig.schema;

import java.util.ArrayList;
import java.util.List;

/** Merges an overlay document over a base one, option by option (names case-insensitive). */
final class Overlays {
  private Overlays() {}

  static PluginSchema merge(PluginSchema base, PluginSchema overlay) {
    List<OptionSchema> options = new ArrayList<>(base.options());
    for (OptionSchema o : overlay.options()) {
      int at = indexOf(options, o.name());
      if (at < 0) {
        options.add(o.group() == null ? withGroup(o, "overlay") : o);
      } else {
        options.set(at, merge(options.get(at), o));
      }
    }
    return new PluginSchema(
        base.engine(),
        base.version(),
        base.section(),
        base.name(),
        overlay.description() != null ? overlay.description() : base.description(),
        overlay.docUrl() != null ? overlay.docUrl() : base.docUrl(),
        options);
  }

  private static OptionSchema merge(OptionSchema base, OptionSchema o) {
    return new OptionSchema(
        base.name(),
        o.type() != null ? o.type() : base.type(),
        o.defaultValue() != null ? o.defaultValue() : base.defaultValue(),
        o.description() != null ? o.description() : base.description(),
        base.required() || o.required(),
        base.repeatable() || o.repeatable(),
        o.rule() != null ? o.rule() : base.rule(),
        base.group());
  }

  private static OptionSchema withGroup(OptionSchema o, String group) {
    return new OptionSchema(
        o.name(),
        o.type(),
        o.defaultValue(),
        o.description(),
        o.required(),
        o.repeatable(),
        o.rule(),
        group);
  }

  private static int indexOf(List<OptionSchema> options, String name) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
