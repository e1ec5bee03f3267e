package dev.flotilla.cli.rollouts;

import dev.flotilla.fleet.RolloutView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Shows a followed rollout: on a terminal one line that overwrites itself, with a bar; otherwise a
 * plain line each time the state or the counts change, so logs stay short.
 */
final class Progress {
  private static final int BAR = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final Clock clock;
  private final Instant started;
  private String last;
  private int width;

  Progress(PrintWriter out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.instant();
  }

  void show(RolloutView v) {
    String status = status(v);
    if (terminal) {
      String line =
          String.format("%s %s %s  %s", elapsed(), bar(v), status, v.config() + "@" + v.version());
      // pad over what the previous, longer line left behind
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      out.flush();
      return;
    }
    if (!status.equals(last)) {
      out.println(elapsed() + " " + status);
      out.flush();
    }
    last = status;
  }

  /** Ends the self-overwriting line. */
  void done() {
    if (terminal && width > 0) {
      out.println();
      out.flush();
    }
  }

  /** {@code running 3/10 healthy 3 · offered 2 · pending 5}: the state and the counts. */
  static String status(RolloutView v) {
    return v.state() + " " + counts(v.counts());
  }

  /** {@code 3/10 healthy 3 · offered 2 · pending 5}: agents settled of all, non-zero counts. */
  static String counts(Map<String, Integer> counts) {
    StringJoiner each = new StringJoiner(" · ");
    for (String s : RolloutView.AGENT_STATES) {
      int n = counts.getOrDefault(s, 0);
      if (n > 0) {
        each.add(s + " " + n);
      }
    }
    return settled(counts) + "/" + total(counts) + " " + each;
  }

  /** Agents the rollout is done with: healthy, failed, timed out or skipped. */
  static int settled(Map<String, Integer> counts) {
    return counts.getOrDefault("healthy", 0)
        + counts.getOrDefault("failed", 0)
        + counts.getOrDefault("timed_out", 0)
        + counts.getOrDefault("skipped", 0);
  }

  static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static String bar(RolloutView v) {
    int total = total(v.counts());
    int filled = total == 0 ? BAR : BAR * settled(v.counts()) / total;
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
  }

  private String elapsed() {
    long s = Duration.between(started, clock.instant()).toSeconds();
    return String.format("[%3ds]", s);
  }
}
