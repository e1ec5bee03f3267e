package dev.flotilla.fluentconfig;

/**
 * Offsets of whole-line blocks in config text, and the cut-and-insert edits that move them.
 *
 * <p>A block starts at the start of a line (its indentation included) and ends where the content of
 * its last line ends, before the line terminator. Its <em>separator</em> is the whitespace that
 * sets it apart from the content above it: the terminator of the line above plus any blank lines. A
 * block with nothing above it (the first in a file) takes the whitespace below it instead. Moving a
 * block carries its separator along, so cutting it from where it was put back yields the text it
 * was cut from, and a file without a final newline still has none.
 */
public final class TextBlocks {
  private TextBlocks() {}

  /**
   * A block taken out of a text: {@code rest} is the text without {@code [from, to)}, which held
   * {@code separator} and {@code block}.
   */
  public record Cut(String rest, String separator, String block, int from, int to) {

    /** Nothing cut: places {@code block} into {@code text} as if it had been cut elsewhere. */
    public static Cut none(String text, String separator, String block) {
      return new Cut(text, separator, block, 0, 0);
    }

    /** Where an offset of the original text lies in {@code rest}. */
    public int map(int offset) {
      if (offset <= from) {
        return offset;
      }
      if (offset >= to) {
        return offset - (to - from);
      }
      throw new IllegalArgumentException("the target lies inside the text being moved");
    }

    /** The same moved pieces, with a wider range removed (a list key that the move empties). */
    public Cut widenedTo(Cut outer) {
      return new Cut(outer.rest, separator, block, outer.from, outer.to);
    }

    public Cut withBlock(String newBlock) {
      return new Cut(rest, separator, newBlock, from, to);
    }
  }

  /** Cuts {@code [start, end)} out with its separator. */
  public static Cut cut(String text, int start, int end) {
    int before = previousContentEnd(text, start);
    if (before >= 0) {
      return new Cut(
          text.substring(0, before) + text.substring(end),
          text.substring(before, start),
          text.substring(start, end),
          before,
          end);
    }
    int after = nextContentStart(text, end);
    if (after < 0) {
      return new Cut(
          text.substring(0, start) + text.substring(end),
          TextLines.preferredNewline(text),
          text.substring(start, end),
          start,
          end);
    }
    return new Cut(
        text.substring(0, start) + text.substring(after),
        text.substring(end, after),
        text.substring(start, end),
        start,
        after);
  }

  /** Puts {@code block} in front of the block that starts at {@code target} in {@code text}. */
  public static String insertBefore(String text, int target, String separator, String block) {
    int before = previousContentEnd(text, target);
    if (before < 0) {
      return text.substring(0, target) + block + separator + text.substring(target);
    }
    return insertAfter(text, before, separator, block);
  }

  /** Puts {@code block} after the content ending at {@code contentEnd}. */
  public static String insertAfter(String text, int contentEnd, String separator, String block) {
    String sep = separator;
    if (isComment(text, lineStart(text, contentEnd), contentEnd)
        && sep.indexOf('\n') == sep.lastIndexOf('\n')) {
      // A comment right above a block belongs to it; keep a stray one from joining this block.
      sep = TextLines.preferredNewline(text) + sep;
    }
    return text.substring(0, contentEnd) + sep + block + text.substring(contentEnd);
  }

  /**
   * Moves every non-blank line of {@code block} by {@code delta} columns; a line with fewer leading
   * spaces than it should lose keeps what it has left.
   */
  public static String shift(String block, int delta) {
    if (delta == 0) {
      return block;
    }
    StringBuilder sb = new StringBuilder(block.length());
    for (String line : TextLines.split(block)) {
      if (TextLines.content(line).isBlank()) {
        sb.append(line);
      } else if (delta > 0) {
        sb.append(" ".repeat(delta)).append(line);
      } else {
        int n = 0;
        while (n < -delta && n < line.length() && line.charAt(n) == ' ') {
          n++;
        }
        sb.append(line, n, line.length());
      }
    }
    return sb.toString();
  }

  public static int lineStart(String text, int offset) {
    return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Where the content of the line holding {@code offset} ends, before its terminator. */
  public static int contentEnd(String text, int offset) {
    int nl = text.indexOf('\n', offset);
    if (nl < 0) {
      return text.length();
    }
    return nl > lineStart(text, offset) && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
  }

  public static int nextLineStart(String text, int offset) {
    int nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length() : nl + 1;
  }

  /**
   * The content end of the last non-blank line above the line that holds {@code start}, or -1 when
   * only blank lines (and a byte order mark) come before.
   */
  public static int previousContentEnd(String text, int start) {
    int line = lineStart(text, start);
    if (!isBlank(text, line, start)) {
      return start;
    }
    while (line > 0) {
      int prev = lineStart(text, line - 1);
      int end = contentEnd(text, prev);
      if (!isBlank(text, prev, end)) {
        return end;
      }
      line = prev;
    }
    return -1;
  }

  /** The start of the first non-blank line below the line that holds {@code offset}, or -1. */
  public static int nextContentStart(String text, int offset) {
    int line = nextLineStart(text, offset);
    while (line < text.length()) {
      if (!isBlank(text, line, contentEnd(text, line))) {
        return line;
      }
      line = nextLineStart(text, line);
    }
    return -1;
  }

  /** The content end of the last non-blank line of the text, or -1 when it is all blank. */
  public static int lastContentEnd(String text) {
    return previousContentEnd(text + "\n", text.length() + 1);
  }

  /**
   * The content end of the last non-blank line that starts before {@code end}: where a node that
   * ends at {@code end} (possibly after trailing line breaks) really ends, trailing comment kept.
   */
  public static int contentEndBefore(String text, int end) {
    int line = lineStart(text, Math.max(0, end - 1));
    while (line > 0 && isBlank(text, line, contentEnd(text, line))) {
      line = lineStart(text, line - 1);
    }
    return contentEnd(text, line);
  }

  /** Whether the line starting at {@code lineStart} is a {@code #} comment. */
  public static boolean isComment(String text, int lineStart, int contentEnd) {
    int i = lineStart;
    while (i < contentEnd && isSpace(text, i)) {
      i++;
    }
    return i < contentEnd && text.charAt(i) == '#';
  }

  public static boolean isBlank(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(text, i) && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(String text, int i) {
    char c = text.charAt(i);
    return c == ' ' || c == '\t' || (i == 0 && c == '\uFEFF');
  }
}
