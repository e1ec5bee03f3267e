package dev.flotilla.fluentconfig.classic;

import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads Fluent Bit's classic format line by line, with the engine's indentation rules. */
final class ClassicParser {
  private final String file;
  private String indentUnit;
  private boolean inSection;

  ClassicParser(String file) {
    this.file = file;
  }

  List<ClassicLine> parse(String text) {
    List<String> raws = TextLines.split(text);
    List<ClassicLine> out = new ArrayList<>(raws.size());
    for (int i = 0; i < raws.size(); i++) {
      out.add(line(raws.get(i), i + 1));
    }
    return out;
  }

  private ClassicLine line(String raw, int number) {
    String content = TextLines.content(raw);
    int skip = number == 1 && content.startsWith("\uFEFF") ? 1 : 0;
    String body = content.substring(skip);
    int indent = TextLines.leadingWhitespace(body);
    int end = TextLines.trailingWhitespaceStart(body);
    if (end <= indent) {
      return new ClassicLine.Blank(raw, number);
    }
    String trimmed = body.substring(indent, end);
    if (trimmed.startsWith("#")) {
      return new ClassicLine.Comment(raw, number);
    }
    String ws = body.substring(0, indent);
    checkIndent(ws, number);
    if (trimmed.startsWith("@")) {
      if (indent > 0) {
        throw error(number, indent + 1, "meta commands must start at column 1");
      }
      return meta(raw, number, trimmed, skip);
    }
    if (trimmed.startsWith("[")) {
      if (!trimmed.endsWith("]")) {
        throw error(number, skip + indent + 1, "missing ']' to close the section name");
      }
      String name = trimmed.substring(1, trimmed.length() - 1).strip();
      if (name.isEmpty() || name.contains("[") || name.contains("]")) {
        throw error(number, skip + indent + 1, "invalid section name '" + trimmed + "'");
      }
      boolean group = indent > 0;
      if (group && !inSection) {
        throw error(number, skip + 1, "group '" + name + "' outside of a section");
      }
      inSection = true;
      return new ClassicLine.Header(raw, number, name, group);
    }
    if (!inSection) {
      throw error(number, skip + indent + 1, "property outside of a section");
    }
    int keyEnd = indent;
    while (keyEnd < body.length() && !Character.isWhitespace(body.charAt(keyEnd))) {
      keyEnd++;
    }
    String key = body.substring(indent, keyEnd);
    int valueStart = keyEnd + TextLines.leadingWhitespace(body.substring(keyEnd));
    int valueEnd = TextLines.trailingWhitespaceStart(body);
    if (valueStart >= valueEnd) {
      throw error(
          number,
          skip + indent + 1,
          "undefined value for '" + key + "' - check config is in valid classic format");
    }
    return new ClassicLine.Entry(
        raw, number, key, body.substring(valueStart, valueEnd), skip + valueStart, skip + valueEnd);
  }

  private ClassicLine meta(String raw, int number, String trimmed, int skip) {
    int sp = 0;
    while (sp < trimmed.length() && !Character.isWhitespace(trimmed.charAt(sp))) {
      sp++;
    }
    String command = trimmed.substring(0, sp).toUpperCase(Locale.ROOT);
    String rest = trimmed.substring(sp).strip();
    switch (command) {
      case "@INCLUDE" -> {
        if (rest.isEmpty()) {
          throw error(number, skip + 1, "@INCLUDE needs a path");
        }
        return new ClassicLine.Include(raw, number, rest);
      }
      case "@SET" -> {
        int eq = rest.indexOf('=');
        if (eq <= 0) {
          throw error(number, skip + 1, "@SET expects KEY=VALUE");
        }
        return new ClassicLine.SetVariable(
            raw, number, rest.substring(0, eq).strip(), rest.substring(eq + 1).strip());
      }
      default -> throw error(number, skip + 1, "unknown meta command '" + command + "'");
    }
  }

  private void checkIndent(String ws, int number) {
    if (ws.isEmpty()) {
      return;
    }
    if (ws.indexOf(' ') >= 0 && ws.indexOf('\t') >= 0) {
      throw error(number, 1, "inconsistent use of tab and space");
    }
    if (indentUnit == null) {
      indentUnit = ws;
      return;
    }
    if (ws.charAt(0) != indentUnit.charAt(0)) {
      throw error(number, 1, "inconsistent use of tab and space");
    }
    if (ws.length() < indentUnit.length()) {
      throw error(number, 1, "indentation level is too low");
    }
  }

  private ConfigParseException error(int line, int column, String message) {
    return new ConfigParseException(Location.of(file, line, column), message);
  }
}
