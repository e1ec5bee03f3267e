package dev.flotilla.fluentconfig.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small C tokenizer: enough to read initializer lists. Comments vanish, adjacent string literals
 * stay separate tokens (the reader joins them), and {@code #define NAME value} lines are collected
 * into {@code macros} instead of being emitted. Other preprocessor lines are dropped, so both
 * branches of a conditional are read.
 */
final class CTokens {
  enum Kind {
    IDENT,
    NUMBER,
    STRING,
    CHAR,
    PUNCT
  }

  record Token(Kind kind, String text) {
    boolean is(String s) {
      return text.equals(s);
    }
  }

  private CTokens() {}

  static List<Token> tokenize(String src, Map<String, String> macros) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    boolean lineStart = true;
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        lineStart = true;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '#' && lineStart) {
        int end = i;
        StringBuilder line = new StringBuilder();
        while (end < n && src.charAt(end) != '\n') {
          if (src.charAt(end) == '\\' && end + 1 < n && src.charAt(end + 1) == '\n') {
            end += 2;
            continue;
          }
          line.append(src.charAt(end++));
        }
        define(stripComments(line.toString()), macros);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && src.charAt(j) != c) {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j, n - 1);
        out.add(new Token(c == '"' ? Kind.STRING : Kind.CHAR, unescape(src.substring(i + 1, j))));
        i = j + 1;
        lineStart = false;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
          j++;
        }
        out.add(new Token(Kind.IDENT, src.substring(i, j)));
        i = j;
        lineStart = false;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(Kind.NUMBER, src.substring(i, j)));
        i = j;
        lineStart = false;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
        lineStart = false;
      }
    }
    return out;
  }

  private static void define(String line, Map<String, String> macros) {
    String t = line.substring(1).strip();
    if (!t.startsWith("define")) {
      return;
    }
    String rest = t.substring("define".length()).strip();
    int sp = 0;
    while (sp < rest.length()
        && (Character.isLetterOrDigit(rest.charAt(sp)) || rest.charAt(sp) == '_')) {
      sp++;
    }
    if (sp == 0 || (sp < rest.length() && rest.charAt(sp) == '(')) {
      return;
    }
    macros.putIfAbsent(rest.substring(0, sp), rest.substring(sp).strip());
  }

  private static String stripComments(String s) {
    return s.replaceAll("/\\*.*?\\*/", "").replaceAll("//.*", "");
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              default -> e;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
