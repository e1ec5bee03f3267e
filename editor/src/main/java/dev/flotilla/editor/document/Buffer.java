package dev.flotilla.editor.document;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.ConfigParseException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A request's document, checked and parsed: the format, engine and version it resolves to, and the
 * parsed document or the syntax error that stopped the parse.
 */
record Buffer(
    DocumentInput input,
    String name,
    ConfigFormat format,
    String engine,
    String version,
    ConfigDocument document,
    ConfigParseException syntaxError) {

  static final int MAX_TEXT_CHARS = 2 * 1024 * 1024;

  static Buffer of(DocumentInput in, Schemas schemas) {
    if (in == null || in.text() == null) {
      throw new FleetException(Kind.BAD_REQUEST, "a document with a text is required");
    }
    if (in.text().length() > MAX_TEXT_CHARS) {
      throw new FleetException(
          Kind.PAYLOAD_TOO_LARGE,
          "the document has " + in.text().length() + " characters; at most " + MAX_TEXT_CHARS);
    }
    String name = in.name() == null || in.name().isBlank() ? defaultName(in) : in.name().strip();
    checkPath("name", name);
    in.files().keySet().forEach(f -> checkPath("file name", f));
    ConfigFormat format =
        in.format() == null || in.format().isBlank()
            ? ConfigFormat.detect(name, in.text())
            : format(in.format());
    String engine = format.isFluentBit() ? Schemas.FLUENT_BIT : Schemas.FLUENTD;
    if (in.engine() != null && !in.engine().isBlank() && !in.engine().equals(engine)) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "format " + Folder.format(format) + " is not a " + in.engine() + " format");
    }
    String version =
        in.version() == null || in.version().isBlank()
            ? schemas.defaultVersion(engine)
            : in.version();
    schemas.catalog(engine, version); // fails early for an unknown version
    try {
      return new Buffer(
          in, name, format, engine, version, ConfigDocument.parse(name, in.text(), format), null);
    } catch (ConfigParseException e) {
      return new Buffer(in, name, format, engine, version, null, e);
    }
  }

  Buffer with(ConfigDocument changed) {
    return new Buffer(
        input.withText(changed.render()), name, format, engine, version, changed, null);
  }

  /** The document, or a CONFLICT when the text does not parse (forms cannot edit it then). */
  ConfigDocument parsed() {
    if (document == null) {
      throw new FleetException(
          Kind.CONFLICT,
          "the text does not parse ("
              + syntaxError.location()
              + ": "
              + syntaxError.reason()
              + "); fix it in the text view first");
    }
    return document;
  }

  static ConfigFormat format(String name) {
    try {
      return ConfigFormat.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "unknown format '" + name + "'; use fluent-bit-classic, fluent-bit-yaml or fluentd");
    }
  }

  /** Names become paths (for includes and findings); one no file system can hold is refused. */
  private static void checkPath(String what, String value) {
    try {
      Path.of(value);
    } catch (InvalidPathException e) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "the "
              + what
              + " '"
              + value.replace("\0", "\\0")
              + "' is not a valid path: "
              + e.getReason());
    }
  }

  private static String defaultName(DocumentInput in) {
    if (in.format() != null && in.format().contains("yaml")) {
      return "fluent-bit.yaml";
    }
    return "fluentd".equals(in.format()) || "fluentd".equals(in.engine())
        ? "fluent.conf"
        : "fluent-bit.conf";
  }
}
