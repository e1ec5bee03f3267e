package dev.flotilla.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {

  @TempDir Path dir;

  @Test
  void rollsOverAtTheCapAndKeepsNumberedLines() throws Exception {
    var log = new CappedLog(dir.resolve("agent.log"), 100);
    long mark = log.mark();
    for (int i = 0; i < 30; i++) {
      log.append("line " + i);
    }
    log.close();
    assertThat(Files.size(dir.resolve("agent.log"))).isLessThanOrEqualTo(100);
    assertThat(Files.exists(dir.resolve("agent.log.1"))).isTrue();
    assertThat(log.linesSince(mark)).hasSize(30).startsWith("line 0");
    assertThat(log.lastLines(2)).containsExactly("line 28", "line 29");
  }

  @Test
  void backoffGrowsWithJitterUpToTheMaximum() {
    var backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), RandomGenerator.getDefault());
    for (int i = 0; i < 10; i++) {
      Duration d = backoff.next();
      assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofSeconds(1));
    }
    backoff.reset();
    assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(100));
  }
}
