package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lint profile: severity overrides by finding code ({@code "off"} drops the finding). Profiles
 * are JSON: {@code {"name": "strict", "extends": "default", "severities": {"code": "error"}}}. The
 * bundled ones are {@code default} and {@code strict}.
 */
public record Profile(String name, Map<String, Optional<Severity>> severities) {

  public Profile {
    severities = Map.copyOf(severities);
  }

  /** Applies the profile; empty when the finding is switched off. */
  public Optional<Finding> apply(Finding f) {
    Optional<Severity> s = severities.get(f.code());
    if (s == null) {
      return Optional.of(f);
    }
    return s.map(f::withSeverity);
  }

  public static Profile bundled(String name, JsonMapper mapper) throws IOException {
    String text = resource(name);
    if (text == null) {
      throw new IllegalArgumentException(
          "no bundled profile '" + name + "' (try default or strict)");
    }
    return parse(text, mapper);
  }

  /** Reads a profile; {@code extends} may name a bundled profile. */
  public static Profile parse(String json, JsonMapper mapper) throws IOException {
    JsonNode n = mapper.readTree(json);
    Map<String, Optional<Severity>> map = new HashMap<>();
    String parent = n.path("extends").asString("");
    if (!parent.isEmpty()) {
      map.putAll(bundled(parent, mapper).severities());
    }
    for (var e : n.path("severities").properties()) {
      String v = e.getValue().asString("").toLowerCase(Locale.ROOT);
      map.put(
          e.getKey(),
          switch (v) {
            case "off", "none" -> Optional.empty();
            case "error" -> Optional.of(Severity.ERROR);
            case "warning", "warn" -> Optional.of(Severity.WARNING);
            case "info" -> Optional.of(Severity.INFO);
            default ->
                throw new IllegalArgumentException(
                    "unknown severity '" + v + "' for " + e.getKey());
          });
    }
    return new Profile(n.path("name").asString("custom"), map);
  }

  private static String resource(String name) throws IOException {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      return null;
    }
    try (InputStream in =
        Profile.class.getResourceAsStream("/dev/flotilla/fluentconfig/lint/" + name + ".json")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
