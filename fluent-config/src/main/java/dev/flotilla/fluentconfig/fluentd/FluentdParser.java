package dev.flotilla.fluentconfig.fluentd;

import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Nesting;
import dev.flotilla.fluentconfig.TextLines;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Reads Fluentd's v1 config syntax into elements, checking that directives nest properly. */
final class FluentdParser {
  private final String file;
  private final List<String> lines;
  private int index;

  FluentdParser(String file, String text) {
    this.file = file;
    this.lines = TextLines.split(text);
  }

  List<FluentdElement> parse() {
    List<FluentdElement> out = new ArrayList<>();
    Deque<FluentdElement.Open> open = new ArrayDeque<>();
    while (index < lines.size()) {
      int number = index + 1;
      String raw = lines.get(index++);
      String content = TextLines.content(raw);
      int skip = number == 1 && content.startsWith("\uFEFF") ? 1 : 0;
      int indent = skip + TextLines.leadingWhitespace(content.substring(skip));
      String t =
          content.substring(indent, Math.max(indent, TextLines.trailingWhitespaceStart(content)));
      if (t.isEmpty()) {
        out.add(new FluentdElement.Blank(raw, number));
      } else if (t.startsWith("#")) {
        out.add(new FluentdElement.Comment(raw, number));
      } else if (t.startsWith("</")) {
        String name = tag(t, 2, number, indent);
        if (open.isEmpty() || !open.peek().name().equals(name)) {
          String expected = open.isEmpty() ? "no open section" : "'</" + open.peek().name() + ">'";
          throw error(
              number, indent + 1, "unmatched end tag '</" + name + ">', expected " + expected);
        }
        open.pop();
        out.add(new FluentdElement.Close(raw, number, name));
      } else if (t.startsWith("<")) {
        String inner = tag(t, 1, number, indent);
        int sp = firstSpace(inner);
        String name = inner.substring(0, sp);
        if (name.isEmpty()) {
          throw error(number, indent + 1, "missing section name");
        }
        FluentdElement.Open o =
            new FluentdElement.Open(raw, number, name, inner.substring(sp).strip());
        open.push(o);
        if (open.size() > Nesting.MAX_DEPTH) {
          throw error(number, indent + 1, Nesting.TOO_DEEP);
        }
        out.add(o);
      } else if (t.startsWith("@include ") || t.startsWith("@include\t") || t.equals("@include")) {
        String path = t.substring("@include".length()).strip();
        if (path.isEmpty()) {
          throw error(number, indent + 1, "@include needs a path");
        }
        out.add(new FluentdElement.Include(raw, number, path));
      } else {
        out.add(param(raw, number, content, indent));
      }
    }
    if (!open.isEmpty()) {
      FluentdElement.Open o = open.peek();
      throw error(
          lines.size() + 1,
          1,
          "expected end tag '</"
              + o.name()
              + ">' but got end of file (opened at line "
              + o.line()
              + ")");
    }
    return out;
  }

  private String tag(String t, int from, int number, int indent) {
    int close = t.indexOf('>');
    if (close < 0) {
      throw error(number, indent + 1, "missing '>' in directive '" + t + "'");
    }
    String after = t.substring(close + 1).strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      throw error(number, indent + close + 2, "unexpected text after '>'");
    }
    return t.substring(from, close).strip();
  }

  private FluentdElement.Param param(String raw, int number, String content, int indent) {
    int keyEnd = indent + firstSpace(content.substring(indent));
    String key = content.substring(indent, keyEnd);
    int valueStart = keyEnd + TextLines.leadingWhitespace(content.substring(keyEnd));
    if (valueStart >= content.length()) {
      return new FluentdElement.Param(raw, number, indent + 1, key, "", valueStart, valueStart);
    }
    char first = content.charAt(valueStart);
    StringBuilder all = new StringBuilder(raw);
    int end;
    if (first == '"' || first == '\'') {
      end = scanQuoted(all, valueStart, first, number);
    } else if (first == '[' || first == '{') {
      end = scanJson(all, valueStart, number);
    } else {
      end = plainEnd(content, valueStart);
    }
    String text = all.toString();
    return new FluentdElement.Param(
        text, number, indent + 1, key, text.substring(valueStart, end), valueStart, end);
  }

  /** An unquoted value ends at a {@code #} that follows whitespace, then trailing blanks go. */
  private static int plainEnd(String content, int start) {
    int end = content.length();
    for (int i = start + 1; i < content.length(); i++) {
      if (content.charAt(i) == '#' && Character.isWhitespace(content.charAt(i - 1))) {
        end = i;
        break;
      }
    }
    return TextLines.trailingWhitespaceStart(content.substring(0, end));
  }

  private int scanQuoted(StringBuilder all, int start, char quote, int number) {
    int i = start + 1;
    while (true) {
      while (i < all.length()) {
        char c = all.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == quote) {
          return i + 1;
        }
        i++;
      }
      if (!more(all)) {
        throw error(number, start + 1, "unterminated quoted string");
      }
    }
  }

  private int scanJson(StringBuilder all, int start, int number) {
    int depth = 0;
    int i = start;
    boolean inString = false;
    while (true) {
      while (i < all.length()) {
        char c = all.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '[' || c == '{') {
          depth++;
        } else if (c == ']' || c == '}') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      if (!more(all)) {
        throw error(number, start + 1, "unterminated JSON value");
      }
    }
  }

  private boolean more(StringBuilder all) {
    if (index >= lines.size()) {
      return false;
    }
    all.append(lines.get(index++));
    return true;
  }

  private static int firstSpace(String s) {
    int i = 0;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private ConfigParseException error(int line, int column, String message) {
    return new ConfigParseException(Location.of(file, line, column), message);
  }
}
