package dev.flotilla.editor.document;

import dev.flotilla.fluentconfig.ConfigDocument;
import java.util.Map;

/** Applies one {@link Edit} to a document through the lossless editing operations. */
final class Edits {
  private Edits() {}

  /**
   * @throws IllegalArgumentException for an unknown op, a missing field, or an edit the document
   *     cannot take
   */
  static ConfigDocument apply(ConfigDocument doc, Edit e) {
    String op = e.op() == null ? "" : e.op();
    return switch (op) {
      case "set" -> doc.withValue(need(e.section(), "section"), key(e), need(e.value(), "value"));
      case "unset" -> doc.withoutKey(need(e.section(), "section"), key(e));
      case "add-section" ->
          doc.withChildSection(
              e.parent() == null ? "" : e.parent(),
              need(e.kind(), "kind"),
              e.argument() == null ? "" : e.argument(),
              e.properties() == null ? Map.of() : e.properties());
      case "remove-section" -> doc.withoutSection(need(e.section(), "section"));
      case "move-section" ->
          doc.withSectionMoved(
              need(e.section(), "section"),
              e.parent() == null ? "" : e.parent(),
              need(e.index(), "index"));
      default ->
          throw new IllegalArgumentException(
              "unknown op '"
                  + op
                  + "'; use set, unset, add-section, remove-section or move-section");
    };
  }

  private static String key(Edit e) {
    String key = need(e.key(), "key").strip();
    if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + e.key() + "' is not a valid key");
    }
    return key;
  }

  private static <T> T need(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return value;
  }
}
