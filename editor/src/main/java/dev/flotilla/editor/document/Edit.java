package dev.flotilla.editor.document;

import java.util.Map;

/**
 * One change to a document. {@code op} is {@code set}, {@code unset}, {@code add-section}, {@code
 * remove-section} or {@code move-section}; which other fields count depends on it (see
 * docs/editor-api.md).
 */
public record Edit(
    String op,
    String section,
    String parent,
    String kind,
    String argument,
    String key,
    String value,
    Map<String, String> properties,
    Integer index) {}
