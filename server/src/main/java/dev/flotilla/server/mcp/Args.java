package dev.flotilla.server.mcp;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A tool call's arguments, read with the type the schema promised; a wrong one is BAD_REQUEST. */
record Args(Map<String, Object> values) {
  static final String CONFIRM = "confirm";

  Args {
    values = values == null ? Map.of() : values;
  }

  String text(String name) {
    String v = optText(name);
    if (v == null || v.isBlank()) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": required");
    }
    return v;
  }

  String optText(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": must be a string");
    }
    return s;
  }

  Boolean optBool(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": must be true or false");
    }
    return b;
  }

  Integer optInt(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      if (n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE) {
        throw new FleetException(Kind.BAD_REQUEST, name + ": out of range");
      }
      return n.intValue();
    }
    throw new FleetException(Kind.BAD_REQUEST, name + ": must be a whole number");
  }

  int integer(String name) {
    Integer v = optInt(name);
    if (v == null) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": required (a whole number)");
    }
    return v;
  }

  int integer(String name, int fallback) {
    Integer v = optInt(name);
    return v == null ? fallback : v;
  }

  /** An object of string values; numbers and booleans are taken as their text. */
  Map<String, String> stringMap(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(
        (k, val) -> {
          if (val == null || val instanceof Map || val instanceof Iterable) {
            throw new FleetException(
                Kind.BAD_REQUEST, name + "." + k + ": must be a string, number or boolean");
          }
          out.put(String.valueOf(k), String.valueOf(val));
        });
    return out;
  }

  /** A count or a percentage such as {@code "10%"}; null when absent. */
  dev.flotilla.fleet.Share share(String name) {
    Object v = values.get(name);
    if (v != null && !(v instanceof Number) && !(v instanceof String)) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": a count or a percentage like \"10%\"");
    }
    return dev.flotilla.fleet.Share.parse(v);
  }

  /** The confirmation id of a second call, or null. */
  String confirmation() {
    return optText(CONFIRM);
  }

  /** Every argument but the confirmation id, keys sorted at every level, as one string. */
  String canonical() {
    Map<String, Object> rest = new TreeMap<>(values);
    rest.remove(CONFIRM);
    StringBuilder sb = new StringBuilder();
    write(sb, rest);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?> m) {
      sb.append('{');
      new TreeMap<>(stringKeys(m))
          .forEach(
              (k, val) -> {
                sb.append(quote(k)).append(':');
                write(sb, val);
                sb.append(',');
              });
      sb.append('}');
    } else if (v instanceof Iterable<?> list) {
      sb.append('[');
      list.forEach(
          item -> {
            write(sb, item);
            sb.append(',');
          });
      sb.append(']');
    } else if (v instanceof String s) {
      sb.append(quote(s));
    } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      sb.append(n.longValue());
    } else {
      sb.append(v);
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
