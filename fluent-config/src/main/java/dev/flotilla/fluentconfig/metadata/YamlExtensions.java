package dev.flotilla.fluentconfig.metadata;

import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata in Fluent Bit YAML's {@code extensions} section (5.1+), under {@code
 * extensions.flotilla}. Fluent Bit keeps that section and never acts on it.
 */
public final class YamlExtensions {
  public static final String KEY = "flotilla";
  private static final String PATH = "/extensions/" + KEY;

  private YamlExtensions() {}

  public static ConfigMetadata read(ConfigTree tree) {
    Map<String, String> values = new LinkedHashMap<>();
    tree.section(PATH)
        .ifPresent(
            s -> {
              for (Property p : s.properties()) {
                values.put(p.key(), p.value());
              }
            });
    return new ConfigMetadata(values);
  }

  /** Sets each value under {@code extensions.flotilla}, creating the maps when missing. */
  public static YamlDocument write(YamlDocument doc, ConfigMetadata metadata) {
    ConfigTree tree = doc.tree();
    if (tree.section(PATH).isPresent()) {
      YamlDocument out = doc;
      for (var e : metadata.values().entrySet()) {
        out = out.withValue(PATH, e.getKey(), e.getValue());
      }
      return out;
    }
    Section ext = tree.section("/extensions").orElse(null);
    if (ext != null && (!ext.properties().isEmpty() || !ext.children().isEmpty())) {
      return doc.withMap("/extensions", KEY, metadata.values());
    }
    if (ext != null) {
      throw new IllegalArgumentException("'extensions' is empty; give it a map first");
    }
    String src = doc.render();
    String nl = dev.flotilla.fluentconfig.TextLines.preferredNewline(src);
    StringBuilder block = new StringBuilder(src.isEmpty() || src.endsWith("\n") ? "" : nl);
    block.append("extensions:").append(nl).append("  ").append(KEY).append(":").append(nl);
    String withKey = YamlDocument.parse(doc.file(), src + block + "    _: _" + nl).render();
    YamlDocument out = YamlDocument.parse(doc.file(), withKey);
    for (var e : metadata.values().entrySet()) {
      out = out.withValue(PATH, e.getKey(), e.getValue());
    }
    return out.withoutKey(PATH, "_");
  }
}
