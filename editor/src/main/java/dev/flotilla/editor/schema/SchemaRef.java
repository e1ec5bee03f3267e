package dev.flotilla.editor.schema;

/**
 * Which schema documents describe a segment's options: the document {@code (section, name)} and,
 * for plugins, the document {@code ("global", global)} of options every plugin of that kind accepts
 * ({@code global} is null when there is none).
 */
public record SchemaRef(String section, String name, String global) {}
