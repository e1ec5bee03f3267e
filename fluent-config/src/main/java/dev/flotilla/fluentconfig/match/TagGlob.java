package dev.flotilla.fluentconfig.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A tag pattern compiled once and matched in time proportional to pattern length × tag length,
 * whatever the pattern: there is no backtracking, so {@code *a*a*a*a*b} against a long tag costs
 * the same as any other pattern. Immutable and thread-safe.
 *
 * <p>Two dialects, as the engines match tags:
 *
 * <ul>
 *   <li>Fluent Bit: {@code *} matches any run of characters, dots included; everything else is
 *       literal.
 *   <li>Fluentd: {@code *} matches one tag part (no dot), {@code **} zero or more parts ({@code
 *       **.} also swallows the dot that follows), {@code {a,b}} either literal; an unclosed {@code
 *       {} is literal.
 * </ul>
 */
public final class TagGlob {
  private sealed interface Token {}

  private record Literal(char c) implements Token {}

  /** Any run of characters; {@code dots} says whether the run may contain '.'. */
  private record Star(boolean dots) implements Token {}

  /** Fluentd {@code **.}: nothing, or any run of characters that ends with a dot. */
  private record PartsAndDot() implements Token {}

  private record Alternatives(List<String> options) implements Token {}

  private final String source;
  private final List<Token> tokens;

  private TagGlob(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  public static TagGlob fluentBit(String pattern) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (!(last(tokens) instanceof Star)) {
          tokens.add(new Star(true));
        }
      } else {
        tokens.add(new Literal(c));
      }
    }
    return new TagGlob(pattern, List.copyOf(tokens));
  }

  public static TagGlob fluentd(String pattern) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          boolean dotAfter = i + 2 < pattern.length() && pattern.charAt(i + 2) == '.';
          tokens.add(dotAfter ? new PartsAndDot() : new Star(true));
          i += dotAfter ? 2 : 1;
        } else {
          tokens.add(new Star(false));
        }
      } else if (c == '{' && pattern.indexOf('}', i) > 0) {
        int end = pattern.indexOf('}', i);
        tokens.add(new Alternatives(List.of(pattern.substring(i + 1, end).split(",", -1))));
        i = end;
      } else {
        tokens.add(new Literal(c));
      }
    }
    return new TagGlob(pattern, List.copyOf(tokens));
  }

  private static Token last(List<Token> tokens) {
    return tokens.isEmpty() ? null : tokens.getLast();
  }

  public String pattern() {
    return source;
  }

  /** Whether the whole tag matches. */
  public boolean matches(String tag) {
    int n = tag.length();
    // next[j]: tokens after the current one match tag[j..]; filled from the last token backwards
    boolean[] next = new boolean[n + 1];
    next[n] = true;
    boolean[] cur = new boolean[n + 1];
    for (int t = tokens.size() - 1; t >= 0; t--) {
      Token token = tokens.get(t);
      switch (token) {
        case Literal l -> {
          cur[n] = false;
          for (int j = 0; j < n; j++) {
            cur[j] = tag.charAt(j) == l.c() && next[j + 1];
          }
        }
        case Star s -> {
          cur[n] = next[n];
          for (int j = n - 1; j >= 0; j--) {
            cur[j] = next[j] || ((s.dots() || tag.charAt(j) != '.') && cur[j + 1]);
          }
        }
        case PartsAndDot p -> {
          // endsAt[j]: some dot at k >= j with next[k + 1]
          boolean dotAhead = false;
          cur[n] = next[n];
          for (int j = n - 1; j >= 0; j--) {
            dotAhead = dotAhead || (tag.charAt(j) == '.' && next[j + 1]);
            cur[j] = next[j] || dotAhead;
          }
        }
        case Alternatives a -> {
          for (int j = 0; j <= n; j++) {
            boolean any = false;
            for (String o : a.options()) {
              if (j + o.length() <= n && next[j + o.length()] && tag.startsWith(o, j)) {
                any = true;
                break;
              }
            }
            cur[j] = any;
          }
        }
      }
      boolean[] swap = next;
      next = cur;
      cur = swap;
    }
    return next[0];
  }

  @Override
  public String toString() {
    return source;
  }
}
