package dev.flotilla.fluentconfig.match;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression from a config or an overlay, run with a step budget. Java's engine
 * backtracks, so a pattern such as {@code (a+)+b} can take exponential time; here every character
 * the engine reads counts as a step, and a match that needs more than the budget ends with {@link
 * Outcome#TOO_COMPLEX} instead of running on. Deep recursion in the engine ends the same way. The
 * thread's interrupt flag is honoured too, so a caller with a deadline can stop it.
 *
 * <p>Immutable and thread-safe; each match has its own counter.
 */
public final class BoundedRegex {
  /** About 10 ms of work for the engine; real tag and value patterns need a few thousand. */
  public static final long DEFAULT_STEPS = 2_000_000;

  /** How a match ended. */
  public enum Outcome {
    MATCH,
    NO_MATCH,
    TOO_COMPLEX;

    public boolean matched() {
      return this == MATCH;
    }
  }

  private final String source;
  private final Pattern pattern;
  private final long steps;

  private BoundedRegex(String source, Pattern pattern, long steps) {
    this.source = source;
    this.pattern = pattern;
    this.steps = steps;
  }

  /**
   * Compiles {@code regex}; empty when it is not a valid Java regular expression. Compiling is
   * linear in the pattern's length.
   */
  public static Optional<BoundedRegex> compile(String regex) {
    return compile(regex, DEFAULT_STEPS);
  }

  public static Optional<BoundedRegex> compile(String regex, long steps) {
    try {
      return Optional.of(new BoundedRegex(regex, Pattern.compile(regex), steps));
    } catch (PatternSyntaxException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  /** Why {@code regex} does not compile, or empty when it does. */
  public static Optional<String> syntaxError(String regex) {
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription());
    } catch (StackOverflowError e) {
      return Optional.of("nested too deeply");
    }
  }

  public String pattern() {
    return source;
  }

  /** The whole input matches. */
  public Outcome matches(CharSequence input) {
    return run(input, true);
  }

  /** Some part of the input matches, as Fluent Bit's {@code Match_Regex} and grep do. */
  public Outcome find(CharSequence input) {
    return run(input, false);
  }

  private Outcome run(CharSequence input, boolean whole) {
    Counted counted = new Counted(input, steps);
    try {
      var m = pattern.matcher(counted);
      return (whole ? m.matches() : m.find()) ? Outcome.MATCH : Outcome.NO_MATCH;
    } catch (OutOfSteps | StackOverflowError e) {
      return Outcome.TOO_COMPLEX;
    }
  }

  @Override
  public String toString() {
    return source;
  }

  private static final class OutOfSteps extends RuntimeException {
    OutOfSteps() {
      super(null, null, false, false);
    }
  }

  /** The input as the engine sees it, counting every read. */
  private static final class Counted implements CharSequence {
    private final CharSequence text;
    private long left;

    Counted(CharSequence text, long budget) {
      this.text = text;
      this.left = budget;
    }

    @Override
    public char charAt(int index) {
      if (--left < 0 || ((left & 0xFFF) == 0 && Thread.currentThread().isInterrupted())) {
        throw new OutOfSteps();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
