package dev.flotilla.server.mcp;

import dev.flotilla.editor.files.MemorySource;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tools over config text that touch no agent: lint with fluent-config's linter (the bundled plugin
 * schemas and default profile, as {@code flotilla config lint} and publishing use) and conversion
 * between Fluent Bit classic and YAML.
 */
final class TextTools {
  private static final Path DIR = Path.of("/config");
  private static final int MAX_FINDINGS = 200;

  private final Linter linter;

  TextTools() {
    linter = Linter.bundledDefault(new SchemaJson());
  }

  List<Tool> tools() {
    return List.of(
        Tool.read(
            "lint_config",
            "Lint config",
            "Checks a Fluent Bit (classic or YAML) or Fluentd config text against the plugin"
                + " schemas and the default rules; returns every finding with file, line, code.",
            Schema.object()
                .required("text", "The config text.")
                .oneOf(
                    "format",
                    "Its language; guessed from the text when left out.",
                    "classic",
                    "yaml",
                    "fluentd")
                .stringMap("files", "Further files it includes, by name (e.g. parsers.conf).")
                .build(),
            (a, c) -> lint(a.text("text"), a.optText("format"), a.stringMap("files"))),
        Tool.read(
            "convert_config",
            "Convert config",
            "Converts a Fluent Bit config between the classic format and YAML; reports what could"
                + " not be carried over.",
            Schema.object()
                .required("text", "The Fluent Bit config text.")
                .oneOf("to", "The target format.", "yaml", "classic")
                .build(),
            (a, c) -> convert(a.text("text"), a.text("to"))));
  }

  Map<String, Object> lint(String text, String format, Map<String, String> includes) {
    String main =
        switch (format == null ? guess(text) : format) {
          case "yaml" -> "fluent-bit.yaml";
          case "fluentd" -> "fluentd.conf";
          case "classic" -> "fluent-bit.conf";
          default ->
              throw new FleetException(
                  Kind.BAD_REQUEST, "format: classic, yaml or fluentd, not '" + format + "'");
        };
    Map<String, String> texts = new TreeMap<>(includes);
    texts.put(main, text);
    ConfigFormat detected =
        main.endsWith(".yaml")
            ? ConfigFormat.FLUENT_BIT_YAML
            : main.startsWith("fluentd") ? ConfigFormat.FLUENTD : ConfigFormat.FLUENT_BIT_CLASSIC;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "format",
        Map.of(ConfigFormat.FLUENT_BIT_YAML, "yaml", ConfigFormat.FLUENTD, "fluentd")
            .getOrDefault(detected, "classic"));
    List<Finding> findings;
    try {
      LoadedConfig loaded =
          new ConfigLoader(new MemorySource(DIR, texts)).load(DIR.resolve(main), text, detected);
      findings = linter.lint(loaded);
    } catch (IOException | RuntimeException e) {
      out.put("errors", 1);
      out.put("warnings", 0);
      out.put(
          "findings",
          List.of(Map.of("severity", "error", "message", "cannot be read: " + e.getMessage())));
      return out;
    }
    int errors = 0;
    int warnings = 0;
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (Finding f : findings) {
      switch (f.severity()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        default -> {}
      }
      if (rows.size() < MAX_FINDINGS) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("severity", f.severity().label());
        r.put("code", f.code());
        r.put("message", f.message());
        String file = f.location().file();
        r.put(
            "file",
            file == null || file.isEmpty() ? main : DIR.relativize(Path.of(file)).toString());
        r.put("line", f.location().line());
        r.put("path", f.path());
        rows.add(r);
      }
    }
    out.put("errors", errors);
    out.put("warnings", warnings);
    out.put("findings", rows);
    return out;
  }

  Map<String, Object> convert(String text, String to) {
    Conversion c;
    String name;
    try {
      switch (to) {
        case "yaml" -> {
          c = new ClassicToYaml().convert(ClassicDocument.parse("fluent-bit.conf", text));
          name = "fluent-bit.yaml";
        }
        case "classic" -> {
          c = new YamlToClassic().convert(YamlDocument.parse("fluent-bit.yaml", text));
          name = "fluent-bit.conf";
        }
        default ->
            throw new FleetException(Kind.BAD_REQUEST, "to: yaml or classic, not '" + to + "'");
      }
    } catch (FleetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FleetException(Kind.BAD_REQUEST, "the text cannot be read: " + e.getMessage(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", name);
    out.put("text", c.text());
    out.put("extraFiles", c.extraFiles());
    out.put(
        "report",
        c.report().stream()
            .map(
                f ->
                    Map.of(
                        "severity", f.severity().label(), "code", f.code(), "message", f.message()))
            .toList());
    return out;
  }

  private static String guess(String text) {
    if (ConfigFormat.detect("fluent-bit.conf", text) == ConfigFormat.FLUENTD) {
      return "fluentd";
    }
    if (CLASSIC_SECTION.matcher(text).find()) {
      return "classic";
    }
    return YAML_TOP.matcher(text).find() ? "yaml" : "classic";
  }

  private static final java.util.regex.Pattern CLASSIC_SECTION =
      java.util.regex.Pattern.compile("(?m)^\\s*\\[[A-Za-z_]+]");
  private static final java.util.regex.Pattern YAML_TOP =
      java.util.regex.Pattern.compile(
          "(?m)^(service|pipeline|parsers|multiline_parsers|includes|env|customs|plugins)\\s*:");
}
