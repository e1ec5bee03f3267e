package dev.flotilla.bench;

import java.io.PrintStream;
import java.util.List;

/** The table an overload run prints: one row per scenario, then each row's details. */
final class OverloadReport {
  private final OverloadOptions options;
  private final List<OverloadBench.Row> rows;

  OverloadReport(OverloadOptions options, List<OverloadBench.Row> rows) {
    this.options = options;
    this.rows = rows;
  }

  void print(PrintStream out) {
    out.printf(
        "== Flotilla overload: --max-requests-per-second %d, per agent %d, %s per scenario ==%n",
        options.globalRate(), options.perAgentRate(), LoadReport.human(options.scenarioDuration()));
    String format = "%-16s %8s %8s %9s %9s %6s %8s | %6s %7s %9s %9s%n";
    out.printf(
        format,
        "scenario",
        "attack",
        "2xx",
        "refused+RA",
        "refused",
        "other",
        "dropped",
        "good n",
        "good 2xx",
        "good p50",
        "good p99");
    for (OverloadBench.Row r : rows) {
      Tally a = r.attack();
      Tally g = r.good();
      out.printf(
          format,
          r.scenario(),
          a.total(),
          a.ok(),
          a.refusedWithRetryAfter(),
          a.refusedWithoutRetryAfter(),
          a.other(),
          a.dropped(),
          g.total(),
          String.format("%.1f%%", 100 * g.okShare()),
          ms(g.latency().percentileMicros(50)),
          ms(g.latency().percentileMicros(99)));
    }
    out.println();
    for (OverloadBench.Row r : rows) {
      out.printf(
          "%-16s %s%n%16s attack: %s%n%16s %s: %s%n",
          r.scenario(),
          r.note(),
          "",
          r.attack().detail().isEmpty() ? "-" : r.attack().detail(),
          "",
          r.goodClients(),
          r.good().detail());
    }
  }

  static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }
}
