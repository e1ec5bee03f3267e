package dev.flotilla.editor.document;

import java.util.Map;

/**
 * A buffer as the browser sends it. {@code format}, {@code engine}, {@code version} and {@code
 * path} may be null: the format is then detected, the engine follows from it, the version is the
 * newest bundled, and includes are not read from the folder. {@code files} are further files by
 * name (an agent's other config files) that includes may refer to.
 */
public record DocumentInput(
    String name,
    String text,
    String engine,
    String version,
    String format,
    String path,
    Map<String, String> files) {

  public DocumentInput {
    files = files == null ? Map.of() : Map.copyOf(files);
  }

  public DocumentInput withText(String newText) {
    return new DocumentInput(name, newText, engine, version, format, path, files);
  }
}
