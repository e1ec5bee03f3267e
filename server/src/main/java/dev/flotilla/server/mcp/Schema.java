package dev.flotilla.server.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON schemas of tool arguments: an object of named, described properties. */
final class Schema {
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();

  static Schema object() {
    return new Schema();
  }

  Schema string(String name, String description) {
    return add(name, prop("string", description));
  }

  Schema required(String name, String description) {
    required.add(name);
    return string(name, description);
  }

  Schema requiredInt(String name, String description) {
    required.add(name);
    return integer(name, description);
  }

  Schema integer(String name, String description) {
    return add(name, prop("integer", description));
  }

  Schema bool(String name, String description) {
    return add(name, prop("boolean", description));
  }

  Schema oneOf(String name, String description, String... values) {
    Map<String, Object> p = prop("string", description);
    p.put("enum", List.of(values));
    return add(name, p);
  }

  /** A count ({@code 2}) or a percentage ({@code "10%"}) of agents. */
  Schema share(String name, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", List.of("integer", "string"));
    p.put("description", description);
    return add(name, p);
  }

  /** An object of string values, such as labels or a selector. */
  Schema stringMap(String name, String description) {
    Map<String, Object> p = prop("object", description);
    p.put("additionalProperties", Map.of("type", "string"));
    return add(name, p);
  }

  Schema requiredStringMap(String name, String description) {
    required.add(name);
    return stringMap(name, description);
  }

  Map<String, Object> build() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", new LinkedHashMap<>(properties));
    if (!required.isEmpty()) {
      s.put("required", List.copyOf(required));
    }
    s.put("additionalProperties", false);
    return s;
  }

  private Schema add(String name, Map<String, Object> p) {
    properties.put(name, p);
    return this;
  }

  private static Map<String, Object> prop(String type, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("description", description);
    return p;
  }
}
