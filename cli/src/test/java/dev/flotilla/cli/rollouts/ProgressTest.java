package dev.flotilla.cli.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fleet.RolloutView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  @Test
  void aTerminalGetsOneLineThatOverwritesItself() {
    Progress p = new Progress(out, true, clock);
    p.show(view("running", Map.of("pending", 3, "offered", 1)));
    p.show(view("running", Map.of("healthy", 2, "pending", 2)));
    p.show(view("completed", Map.of("healthy", 4)));
    p.done();
    String s = text.toString();
    assertThat(s.chars().filter(c -> c == '\r')).hasSize(3);
    assertThat(s.chars().filter(c -> c == '\n')).hasSize(1);
    assertThat(s)
        .contains("\r[  0s] [" + ".".repeat(24) + "] running 0/4 pending 3 · offered 1  edge@2")
        .contains("[" + "#".repeat(12) + ".".repeat(12) + "] running 2/4 pending 2 · healthy 2")
        .endsWith(
            "[" + "#".repeat(24) + "] completed 4/4 healthy 4  edge@2" + " ".repeat(10) + "\n");
  }

  @Test
  void elsewhereALineOnlyWhenSomethingChanged() {
    Progress p = new Progress(out, false, clock);
    p.show(view("running", Map.of("pending", 4)));
    p.show(view("running", Map.of("pending", 4)));
    p.show(view("paused", Map.of("failed", 1, "pending", 3)));
    p.done();
    assertThat(text.toString().lines())
        .containsExactly("[  0s] running 0/4 pending 4", "[  0s] paused 1/4 pending 3 · failed 1");
  }

  private static RolloutView view(String state, Map<String, Integer> counts) {
    return new RolloutView(
        "r1", "edge", 2, "abc", Map.of(), null, state, null, null, "alice", null, null, counts,
        List.of());
  }
}
