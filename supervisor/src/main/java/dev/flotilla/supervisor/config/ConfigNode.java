package dev.flotilla.supervisor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A YAML mapping being bound to a record: typed getters that name the full key in every error, and
 * a final check that no unknown key was left over.
 */
final class ConfigNode {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");
  private final String path;
  private final JsonNode node;
  private final Set<String> used = new LinkedHashSet<>();

  ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
    if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
      throw new ConfigException(path, "expected a mapping");
    }
  }

  private String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private JsonNode raw(String name) {
    used.add(name);
    JsonNode v = node.path(name);
    return v.isNull() ? MissingNode.getInstance() : v;
  }

  ConfigNode child(String name) {
    return new ConfigNode(key(name), raw(name));
  }

  boolean has(String name) {
    return !node.path(name).isMissingNode() && !node.path(name).isNull();
  }

  String string(String name, String fallback) {
    JsonNode v = raw(name);
    if (v.isMissingNode()) {
      return fallback;
    }
    if (!v.isValueNode()) {
      throw new ConfigException(key(name), "expected a single value");
    }
    return v.asString();
  }

  String required(String name) {
    String v = string(name, null);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key(name), "is required");
    }
    return v;
  }

  boolean bool(String name, boolean fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new ConfigException(key(name), "expected true or false, got '" + v + "'");
    };
  }

  Path path(String name, Path fallback) {
    String v = string(name, null);
    return v == null ? fallback : Path.of(v);
  }

  URI uri(String name) {
    String v = required(name);
    try {
      URI uri = new URI(v);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new ConfigException(key(name), "expected an absolute URL, got '" + v + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key(name), "not a URL: " + e.getMessage());
    }
  }

  Duration duration(String name, Duration fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(
          key(name), "expected a duration like 500ms, 30s, 5m or 1h, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  long size(String name, long fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key(name), "expected a size like 512KB or 10MB, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
    return switch (unit) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }

  <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    String wanted = v.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new ConfigException(key(name), "expected one of " + names + ", got '" + v + "'");
  }

  List<String> strings(String name) {
    JsonNode v = raw(name);
    if (v.isMissingNode()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new ConfigException(key(name), "expected a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isValueNode()) {
        throw new ConfigException(key(name), "expected a list of values");
      }
      out.add(item.asString());
    }
    return out;
  }

  Map<String, String> map(String name) {
    JsonNode v = raw(name);
    if (v.isMissingNode()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new ConfigException(key(name), "expected a mapping");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : v.properties()) {
      if (!e.getValue().isValueNode()) {
        throw new ConfigException(key(name) + "." + e.getKey(), "expected a single value");
      }
      out.put(e.getKey(), e.getValue().asString());
    }
    return out;
  }

  /** Fails on the first key that no getter asked for. */
  void rejectUnknownKeys() {
    for (var e : node.properties()) {
      if (!used.contains(e.getKey())) {
        throw new ConfigException(key(e.getKey()), "unknown key");
      }
    }
  }
}
