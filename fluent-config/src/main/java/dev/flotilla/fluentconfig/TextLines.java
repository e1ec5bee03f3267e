package dev.flotilla.fluentconfig;

import java.util.ArrayList;
import java.util.List;

/** Splits text into physical lines that keep their terminators, so joining them is lossless. */
public final class TextLines {
  private TextLines() {}

  public static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** The line without its {@code \n} or {@code \r\n}. */
  public static String content(String rawLine) {
    int end = rawLine.length();
    if (end > 0 && rawLine.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && rawLine.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return rawLine.substring(0, end);
  }

  /** The terminator of a raw line, or the empty string on a last line without one. */
  public static String terminator(String rawLine) {
    return rawLine.substring(content(rawLine).length());
  }

  /** The line ending the text mostly uses, for lines that an edit adds. */
  public static String preferredNewline(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  public static int leadingWhitespace(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  public static int trailingWhitespaceStart(String s) {
    int i = s.length();
    while (i > 0 && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
      i--;
    }
    return i;
  }
}
