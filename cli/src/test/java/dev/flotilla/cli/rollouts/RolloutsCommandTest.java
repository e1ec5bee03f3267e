package dev.flotilla.cli.rollouts;

import static dev.flotilla.cli.LiveServer.GOOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.cli.LiveServer;
import dev.flotilla.cli.LiveServer.Run;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flotilla rollouts …} against a live server with simulated agents. */
class RolloutsCommandTest {
  private static final Map<String, String> PROD = Map.of("env", "prod");

  /** Polls every 20 ms instead of every second, never on a terminal. */
  private static final CommandLine.IFactory FAST_POLL =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          if (cls == RolloutsCommand.class) {
            return cls.cast(
                new RolloutsCommand(
                    Duration.ofMillis(20), Thread::sleep, Clock.systemUTC(), () -> false));
          }
          return CommandLine.defaultFactory().create(cls);
        }
      };

  @TempDir Path dir;
  LiveServer server;

  @BeforeEach
  void start() {
    server = new LiveServer(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void startWaitCompletesOnTheSelectedAgentsAndStatusShowsEachOne() throws Exception {
    List<SimulatedAgent> prod = agents(3, RemoteConfigBehaviour.applyAll());
    server.agent(Map.of("env", "dev"), b -> b);
    publish("edge", GOOD);

    Run started =
        run(
            "rollouts",
            "start",
            "edge@1",
            "-l",
            "env=prod",
            "--canary",
            "1",
            "--batch",
            "50%",
            "--wait");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out())
        .contains("started rollout ")
        .contains("edge@1 to 3 agent(s) matching {env=prod}")
        .contains("rollout ")
        .contains("completed: 3/3 healthy 3");
    String id = idIn(started.out());
    // plain lines only when something changed: never the same line twice in a row
    List<String> lines =
        started.out().lines().filter(l -> l.startsWith("[")).map(l -> l.substring(7)).toList();
    assertThat(lines).isNotEmpty().last().isEqualTo("completed 3/3 healthy 3");
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i)).isNotEqualTo(lines.get(i - 1));
    }

    Run list = run("rollouts", "list");
    assertThat(list.out()).contains(id).contains("edge@1").contains("completed").contains("3/3");
    assertThat(run("rollouts", "list", "--json").out()).contains("\"id\" : \"" + id + "\"");

    Run status = run("rollouts", "status", id);
    assertThat(status.code()).isZero();
    assertThat(status.out())
        .contains("rollout   " + id)
        .contains("config    edge@1")
        .contains("selector  {env=prod}")
        .contains("canary 1, batches of 50%")
        .contains("state     completed")
        .contains("INSTANCE UID");
    for (SimulatedAgent a : prod) {
      assertThat(status.out()).containsPattern(a.instanceUid() + " +(canary|1|2) +healthy +- ");
    }
    assertThat(run("rollouts", "status", id, "--json").out()).contains("\"state\" : \"completed\"");
    Run again = run("rollouts", "status", id, "--wait");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("completed");
  }

  @Test
  void rejectedConfigPausesThenResumeAbortAndRollback() throws Exception {
    agents(3, RemoteConfigBehaviour.matching(Pattern.compile("BROKEN"), null));
    publish("edge", GOOD);
    assertThat(run("rollouts", "start", "edge", "-l", "env=prod", "--wait").code()).isZero();
    publish("edge", GOOD + "# BROKEN\n");

    Run paused =
        run(
            "rollouts",
            "start",
            "edge@2",
            "-l",
            "env=prod",
            "--canary",
            "1",
            "--batch",
            "1",
            "--wait");
    assertThat(paused.code()).isEqualTo(1);
    assertThat(paused.err())
        .contains("flotilla: rollout ")
        .contains(" paused: ")
        .contains("failure budget")
        .contains("config rejected");
    String id = idIn(paused.out());
    Run status = run("rollouts", "status", id);
    assertThat(status.out())
        .contains("state     paused: ")
        .containsPattern(" canary +failed +edge@1 +config rejected");

    Run resumed = run("rollouts", "resume", id, "--wait");
    assertThat(resumed.code()).isEqualTo(1);
    assertThat(resumed.out()).contains("rollout " + id + " running");
    assertThat(resumed.err()).contains("paused");
    assertThat(server.deployments().rollout(id).counts()).containsEntry("failed", 2);

    Run aborted = run("rollouts", "abort", id);
    assertThat(aborted.code()).isZero();
    assertThat(aborted.out()).contains("rollout " + id + " aborted").contains("skipped 1");
    Run waitAborted = run("rollouts", "status", id, "--wait");
    assertThat(waitAborted.code()).isEqualTo(1);
    assertThat(waitAborted.err()).contains("rollout " + id + " aborted");
    Run notNow = run("rollouts", "pause", id);
    assertThat(notNow.code()).isEqualTo(1);
    assertThat(notNow.err()).contains("aborted and cannot be");

    Run back = run("rollouts", "rollback", id, "--wait");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("rolling back " + id + ": 2 agent(s)").contains("completed");
    Run rolledBack = run("rollouts", "status", id, "--wait");
    assertThat(rolledBack.code()).isEqualTo(1);
    assertThat(rolledBack.err()).contains("rollout " + id + " rolled back");
  }

  @Test
  void pauseHoldsTheNextBatchAndResumeSendsIt() throws Exception {
    agents(2, RemoteConfigBehaviour.applyAll());
    publish("edge", GOOD);
    Run started =
        run(
            "rollouts",
            "start",
            "edge",
            "-l",
            "env=prod",
            "--canary",
            "1",
            "--batch",
            "1",
            "--pause",
            "3600");
    assertThat(started.code()).as(started.err()).isZero();
    String id = idIn(started.out());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> server.deployments().rollout(id).counts().getOrDefault("healthy", 0) == 1);

    Run paused = run("rollouts", "pause", id);
    assertThat(paused.code()).isZero();
    assertThat(paused.out()).contains("rollout " + id + " paused (1/2 pending 1 · healthy 1)");
    Run waiting = run("rollouts", "status", id, "--wait");
    assertThat(waiting.code()).isEqualTo(1);
    assertThat(waiting.err()).contains("rollout " + id + " paused");

    Run resumed = run("rollouts", "resume", id, "--wait");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("completed: 2/2 healthy 2");
  }

  @Test
  void unknownRolloutsConfigsAndBadSharesAreClearErrors() {
    Run unknown = run("rollouts", "status", "no-such-rollout");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no rollout with id no-such-rollout");
    assertThat(run("rollouts", "abort", "no-such-rollout").code()).isEqualTo(1);
    Run noConfig = run("rollouts", "start", "nope");
    assertThat(noConfig.code()).isEqualTo(1);
    assertThat(noConfig.err()).startsWith("flotilla: ").contains("nope");
    Run badShare = run("rollouts", "start", "edge", "--canary", "lots");
    assertThat(badShare.code()).isEqualTo(2);
    assertThat(badShare.err()).contains("expected a count or a percentage");
    assertThat(run("rollouts", "list").out()).contains("0 rollout(s)");
  }

  private List<SimulatedAgent> agents(int n, RemoteConfigBehaviour behaviour) {
    return IntStream.range(0, n)
        .mapToObj(i -> server.agent(PROD, b -> b.remoteConfig(behaviour)))
        .toList();
  }

  private void publish(String name, String conf) throws Exception {
    Path file = Files.writeString(dir.resolve("fluent-bit.conf"), conf);
    Run r = run("configs", "publish", name, file.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static String idIn(String out) {
    String rest = out.substring(out.indexOf("started rollout ") + "started rollout ".length());
    return rest.substring(0, rest.indexOf(':'));
  }

  private Run run(String... args) {
    return server.run(FAST_POLL, args);
  }
}
