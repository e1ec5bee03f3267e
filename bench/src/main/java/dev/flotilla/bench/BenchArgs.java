package dev.flotilla.bench;

import dev.flotilla.fleet.FleetException;
import java.util.List;
import java.util.function.Function;

/** The command line every benchmark's main shares: usage, parsing, and the exit codes. */
final class BenchArgs {
  private BenchArgs() {}

  /**
   * The options, or (after printing the usage) an exit: 0 without arguments or with {@code --help},
   * 2 for a bad option.
   */
  static <T> T parseOrExit(String[] args, String usage, Function<List<String>, T> parse) {
    if (args.length == 0 || List.of(args).contains("--help")) {
      System.out.print(usage);
      System.exit(0);
    }
    try {
      return parse.apply(List.of(args));
    } catch (IllegalArgumentException | FleetException e) {
      System.err.println(e.getMessage());
      System.err.print(usage);
      System.exit(2);
      throw e; // not reached
    }
  }
}
