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

  /**
   * Adds a section of {@code kind} holding {@code properties} inside the section at {@code
   * parentPath}, after the last section of its kind there (a first Fluentd filter goes before the
   * container's first match); {@code ""} means the top level (the same as {@link #withSection}).
   *
   * <ul>
   *   <li>Fluent Bit YAML: the parent is an input, filter or output, {@code kind} is {@code
   *       processor} and {@code argument} its signal ({@code logs}, {@code metrics}, {@code
   *       traces}); the {@code processors:} and signal keys are created when missing, indented like
   *       the rest of the file. Also {@code node} in an upstream and {@code rule} in a multiline
   *       parser.
   *   <li>Fluentd: the parent is a {@code label} or {@code worker} (holding {@code source}, {@code
   *       filter}, {@code match}, {@code label}) or any other directive (holding {@code buffer},
   *       {@code parse}, {@code format}, {@code store}, {@code server}, … any directive name).
   *   <li>Fluent Bit classic: only {@code ""}, or a {@code node} in an {@code upstream}.
   * </ul>
   *
   * @throws IllegalArgumentException when the format cannot hold such a section there
   */
  ConfigDocument withChildSection(
      String parentPath, String kind, String argument, java.util.Map<String, String> properties);

  /**
   * Moves the section at {@code sectionPath} so that it becomes the {@code index}-th (0-based)
   * section of its kind in the container at {@code parentPath} ({@code ""} is the top level). The
   * count of sections of its kind there excludes the moved one, and {@code index} may equal it
   * (last). Within the same container this reorders; into another container it moves.
   *
   * <p>The block is placed just before the section of its kind now at {@code index}, or after the
   * last one of its kind; where there is none, Fluentd puts it at the end of the container (a
   * filter before the container's first match) and YAML creates the list. The section's text, with
   * the comment lines directly above it, moves verbatim (re-indented only when its depth changes)
   * and takes the blank lines above it along; every other byte stays. A move to where the section
   * already is returns this document.
   *
   * <p>Moving it back to its old container and index gives back the original text byte for byte
   * when it sat where these rules put it: next to a section of its kind (as when sections of a kind
   * are kept together). The only one of its kind in its container comes back where that container
   * takes a first one: at the end of a Fluentd container, or, in YAML, under list keys created anew
   * at the end of the map (a move that empties a nested list removes its keys).
   *
   * <ul>
   *   <li>Fluent Bit YAML: list items move within their list (inputs, filters, outputs, parsers,
   *       multiline_parsers, …: {@code parentPath} {@code ""}); a processor moves to another
   *       plugin's processors of the same signal (the keys are created when missing, and removed
   *       when the move empties them); nodes and rules move between upstreams and multiline
   *       parsers.
   *   <li>Fluentd: {@code source} to the top level or a {@code worker}; {@code filter} and {@code
   *       match} to the top level, a {@code label} or a {@code worker}; {@code label} to the top
   *       level or a {@code worker}; any other directive to another directive that is not a {@code
   *       label} or {@code worker}.
   *   <li>Fluent Bit classic: sections reorder at the top level; a {@code [NODE]} moves to another
   *       {@code [UPSTREAM]}.
   * </ul>
   *
   * @throws IllegalArgumentException for a path that does not exist, a move into itself, an index
   *     out of range, or a container that cannot hold the section
   */
  ConfigDocument withSectionMoved(String sectionPath, String parentPath, int index);

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
