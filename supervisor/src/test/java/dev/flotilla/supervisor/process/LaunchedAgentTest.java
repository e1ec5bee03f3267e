package dev.flotilla.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LaunchedAgentTest {

  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private LaunchedAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
    scheduler.shutdownNow();
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private LaunchedAgent launch(Path executable, CappedLog log) {
    return new LaunchedAgent(
        new ProcessCommander(
            new LaunchSpec(executable, List.of("a1"), Map.of("GREETING", "hi"), dir), log),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), RandomGenerator.getDefault()),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Clock.systemUTC(),
        scheduler,
        () -> {});
  }

  @Test
  void capturesOutputAndKillsAnAgentThatIgnoresSigterm() throws Exception {
    Path exe =
        script(
            "stubborn",
            "trap '' TERM\necho \"$GREETING $1 in $(pwd)\"\necho oops >&2\nwhile true; do sleep 0.1; done");
    var log = new CappedLog(dir.resolve("agent.log"), 1 << 20);
    agent = launch(exe, log);
    agent.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> log.lastLines(10).contains("oops"));
    assertThat(log.lastLines(10)).contains("hi a1 in " + dir.toRealPath());
    assertThat(agent.startTime()).isPresent();
    agent.stop();
    assertThat(agent.isRunning()).isFalse();
    assertThat(agent.lastExitCode()).hasValue(137);
  }

  @Test
  void restartsACrashedAgentWithBackoff() throws Exception {
    Path counter = dir.resolve("starts");
    Path exe = script("crashy", "echo x >> '" + counter + "'\nexit 3");
    agent = launch(exe, new CappedLog(dir.resolve("agent.log"), 1 << 20));
    agent.start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(counter) && Files.readAllLines(counter).size() >= 3);
    assertThat(agent.lastExitCode()).hasValue(3);
  }

  @Test
  void keepsTryingWhenTheExecutableIsMissing() throws Exception {
    Path exe = dir.resolve("later");
    agent = launch(exe, new CappedLog(dir.resolve("agent.log"), 1 << 20));
    assertThatThrownBy(agent::start).isInstanceOf(IOException.class);
    script("later", "while true; do sleep 0.1; done");
    await().atMost(Duration.ofSeconds(10)).until(agent::isRunning);
  }
}
