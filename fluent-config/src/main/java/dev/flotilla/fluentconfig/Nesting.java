package dev.flotilla.fluentconfig;

/**
 * How deep sections, YAML collections and include chains may nest. Real configs stay within a
 * handful of levels; a bound keeps every walk over a parsed tree far from the stack's limit,
 * whatever the input.
 */
public final class Nesting {
  public static final int MAX_DEPTH = 64;

  /** The reason a parse error gives for input nested deeper than {@link #MAX_DEPTH}. */
  public static final String TOO_DEEP = "nesting deeper than " + MAX_DEPTH + " levels";

  private Nesting() {}
}
