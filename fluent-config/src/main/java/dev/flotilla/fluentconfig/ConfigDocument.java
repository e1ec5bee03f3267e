package dev.flotilla.fluentconfig;

import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.fluentd.FluentdDocument;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.yaml.YamlDocument;

/**
 * One parsed config file ({@link ClassicDocument}, {@link YamlDocument} or {@link
 * FluentdDocument}). Documents are immutable: {@link #render()} gives back exactly the text that
 * was parsed, and an edit returns a new document whose untouched bytes are unchanged.
 */
public interface ConfigDocument {

  String file();

  ConfigFormat format();

  String render();

  /** A structured, read-only view for validation, conversion and editors. */
  ConfigTree tree();

  /**
   * Sets {@code key} in the section at {@code sectionPath} (a path from {@link ConfigTree}),
   * replacing the last occurrence of the key or adding it after the section's last entry.
   *
   * @throws IllegalArgumentException when no section has that path, or the key or value cannot be
   *     written there
   */
  ConfigDocument withValue(String sectionPath, String key, String value);

  /** Removes every occurrence of {@code key} from the section; other lines are kept as they are. */
  ConfigDocument withoutKey(String sectionPath, String key);

  /**
   * Appends a new section of {@code kind} (as in {@link ConfigTree}: input, filter, output, parser,
   * …; Fluentd's source, match, filter, …) holding {@code properties} in order. {@code argument} is
   * the Fluentd directive argument (a match pattern, a label name); other formats ignore it.
   *
   * @throws IllegalArgumentException when the format cannot hold such a section there
   */
  ConfigDocument withSection(
      String kind, String argument, java.util.Map<String, String> properties);

  /**
   * Removes the section at {@code sectionPath} (its header or directive through its last entry);
   * everything else stays byte for byte.
   *
   * @throws IllegalArgumentException when no removable section has that path
   */
  ConfigDocument withoutSection(String sectionPath);

  static ConfigDocument parse(String file, String text) {
    return parse(file, text, ConfigFormat.detect(file, text));
  }

  static ConfigDocument parse(String file, String text, ConfigFormat format) {
    return switch (format) {
      case FLUENT_BIT_CLASSIC -> ClassicDocument.parse(file, text);
      case FLUENT_BIT_YAML -> YamlDocument.parse(file, text);
      case FLUENTD -> FluentdDocument.parse(file, text);
    };
  }
}
