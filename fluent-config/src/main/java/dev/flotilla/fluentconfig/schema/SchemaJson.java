package dev.flotilla.fluentconfig.schema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes schema documents. Written by hand rather than by data binding so that the
 * document shape is stable and readable: absent fields are left out, booleans only when true.
 */
public final class SchemaJson {
  private final JsonMapper mapper;

  public SchemaJson(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public SchemaJson() {
    this(JsonMapper.builder().build());
  }

  public JsonMapper mapper() {
    return mapper;
  }

  /** One document per file: header fields one per line, then one option per line. */
  public String write(PluginSchema plugin) {
    ObjectNode n = toJson(plugin);
    StringBuilder sb = new StringBuilder("{\n");
    for (var field : n.properties()) {
      if (!field.getKey().equals("options")) {
        sb.append("  ").append(mapper.writeValueAsString(field.getKey())).append(": ");
        sb.append(mapper.writeValueAsString(field.getValue())).append(",\n");
      }
    }
    sb.append("  \"options\": [");
    String sep = "\n";
    for (JsonNode o : n.path("options")) {
      sb.append(sep).append("    ").append(mapper.writeValueAsString(o));
      sep = ",\n";
    }
    return sb.append("\n  ]\n}\n").toString();
  }

  public PluginSchema read(String json) {
    return fromJson(mapper.readTree(json));
  }

  public ObjectNode toJson(PluginSchema p) {
    ObjectNode n = mapper.createObjectNode();
    n.put("engine", p.engine());
    n.put("version", p.version());
    n.put("section", p.section());
    n.put("name", p.name());
    putIfPresent(n, "description", p.description());
    putIfPresent(n, "doc", p.docUrl());
    ArrayNode options = n.putArray("options");
    for (OptionSchema o : p.options()) {
      options.add(toJson(o));
    }
    return n;
  }

  private ObjectNode toJson(OptionSchema o) {
    ObjectNode n = mapper.createObjectNode();
    n.put("name", o.name());
    putIfPresent(n, "type", o.type());
    if (o.defaultValue() != null) {
      n.put("default", o.defaultValue());
    }
    putIfPresent(n, "description", o.description());
    if (o.required()) {
      n.put("required", true);
    }
    if (o.repeatable()) {
      n.put("repeatable", true);
    }
    if (o.rule() != null) {
      n.set("rule", toJson(o.rule()));
    }
    if (!"options".equals(o.group())) {
      putIfPresent(n, "group", o.group());
    }
    return n;
  }

  private ObjectNode toJson(Rule rule) {
    ObjectNode n = mapper.createObjectNode();
    n.put("kind", rule.kind());
    switch (rule) {
      case Rule.Regex r -> {
        n.put("pattern", r.pattern());
        putIfPresent(n, "hint", r.hint());
      }
      case Rule.Range r -> {
        n.put("integer", r.integer());
        if (r.min() != null) {
          n.put("min", r.min());
        }
        if (r.max() != null) {
          n.put("max", r.max());
        }
      }
      case Rule.Choice c -> {
        ArrayNode values = n.putArray("values");
        c.values().forEach(values::add);
        if (c.inferred()) {
          n.put("inferred", true);
        }
      }
      case Rule.Size s -> {}
      case Rule.Duration d -> {}
      case Rule.Bool b -> {}
    }
    return n;
  }

  public PluginSchema fromJson(JsonNode n) {
    List<OptionSchema> options = new ArrayList<>();
    for (JsonNode o : n.path("options")) {
      options.add(option(o));
    }
    return new PluginSchema(
        text(n, "engine"),
        text(n, "version"),
        text(n, "section"),
        text(n, "name"),
        text(n, "description"),
        text(n, "doc"),
        options);
  }

  OptionSchema option(JsonNode o) {
    return new OptionSchema(
        text(o, "name"),
        text(o, "type"),
        text(o, "default"),
        text(o, "description"),
        o.path("required").asBoolean(false),
        o.path("repeatable").asBoolean(false),
        o.has("rule") ? rule(o.get("rule")) : null,
        o.has("group") ? text(o, "group") : "options");
  }

  /** Reads a rule; unknown kinds give null so that newer documents still load. */
  public Rule rule(JsonNode r) {
    return switch (r.path("kind").asString("")) {
      case "regex" -> new Rule.Regex(text(r, "pattern"), text(r, "hint"));
      case "range" ->
          new Rule.Range(
              r.path("integer").asBoolean(false),
              r.has("min") ? r.get("min").asDouble() : null,
              r.has("max") ? r.get("max").asDouble() : null);
      case "size" -> new Rule.Size();
      case "duration" -> new Rule.Duration();
      case "boolean" -> new Rule.Bool();
      case "enum" -> {
        List<String> values = new ArrayList<>();
        r.path("values").forEach(v -> values.add(v.asString()));
        yield new Rule.Choice(values, r.path("inferred").asBoolean(false));
      }
      default -> null;
    };
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static void putIfPresent(ObjectNode n, String field, String value) {
    if (value != null && !value.isEmpty()) {
      n.put(field, value);
    }
  }
}
