package dev.flotilla.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The figures of one load run, and how they are printed. Memory figures are bytes. */
record LoadReport(
    LoadOptions options,
    String serverJvmFlags,
    List<String> generatorJvmFlags,
    int connectedAfterRamp,
    double rampSeconds,
    int connectedAtEnd,
    OptionalLong listedByServer,
    long steadyMessages,
    double steadySeconds,
    LatencyHistogram steadyLatency,
    LatencyHistogram rampLatency,
    long errors,
    long steadyErrors,
    int errorResponses,
    List<Map.Entry<String, Long>> topErrors,
    long disconnects,
    long connects,
    OptionalLong rssBefore,
    OptionalLong rssAfter,
    OptionalLong heapBefore,
    OptionalLong heapAfter,
    String heapSource,
    boolean outOfFileDescriptors) {

  boolean succeeded() {
    return connectedAtEnd == options.agents() && !outOfFileDescriptors;
  }

  void print(PrintStream out) {
    out.println();
    out.printf(
        "== Flotilla load: %d %s agents, heartbeat %s, ramp %.0f/s, steady %s ==%n",
        options.agents(),
        options.transport(),
        human(options.heartbeat()),
        options.rampPerSecond(),
        human(options.duration()));
    out.printf("server JVM flags        %s%n", serverJvmFlags);
    out.printf("generator JVM flags     %s%n", generatorJvmFlags);
    out.printf(
        "agents connected        %d / %d after ramp (%.1f s), %d at end; server lists %s%n",
        connectedAfterRamp,
        options.agents(),
        rampSeconds,
        connectedAtEnd,
        listedByServer.isPresent() ? Long.toString(listedByServer.getAsLong()) : "n/a");
    out.printf(
        "messages/s (steady)     %.1f  (%d replies in %.1f s; expected ~%.1f/s)%n",
        steadyMessages / steadySeconds,
        steadyMessages,
        steadySeconds,
        options.agents() / (options.heartbeat().toMillis() / 1000.0));
    out.printf("latency steady          %s%n", summary(steadyLatency));
    out.printf("latency during ramp     %s%n", summary(rampLatency));
    out.printf(
        "errors                  %d total, %d during steady phase, %d error_responses%n",
        errors, steadyErrors, errorResponses);
    topErrors.forEach(e -> out.printf("    %6d x %s%n", e.getValue(), e.getKey()));
    out.printf("reconnects              %d disconnects, %d connects%n", disconnects, connects);
    out.printf("server RSS              %s%n", perAgent(rssBefore, rssAfter));
    out.printf("server heap used        %s (%s)%n", perAgent(heapBefore, heapAfter), heapSource);
    if (outOfFileDescriptors) {
      out.println(
          "ERROR: hit the file descriptor limit (EMFILE, 'Too many open files'). Raise `ulimit -n`"
              + " for the generator and the server, or run fewer agents.");
    }
  }

  private static String summary(LatencyHistogram h) {
    if (h.count() == 0) {
      return "no samples";
    }
    return String.format(
        "p50 %s / p99 %s / p99.9 %s / max %s  (n=%d)",
        ms(h.percentileMicros(50)),
        ms(h.percentileMicros(99)),
        ms(h.percentileMicros(99.9)),
        ms(h.maxMicros()),
        h.count());
  }

  private static String ms(long micros) {
    return String.format("%.2f ms", micros / 1000.0);
  }

  private String perAgent(OptionalLong before, OptionalLong after) {
    if (after.isEmpty()) {
      return "n/a (no server pid; pass --server-pid or use --spawn-server)";
    }
    String now = String.format("%.1f MB", after.getAsLong() / 1048576.0);
    if (before.isEmpty() || connectedAtEnd == 0) {
      return now;
    }
    double perAgent = (after.getAsLong() - before.getAsLong()) / (double) connectedAtEnd / 1024.0;
    return String.format(
        "%s (baseline %.1f MB, %+.1f KB per connected agent)",
        now, before.getAsLong() / 1048576.0, perAgent);
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
