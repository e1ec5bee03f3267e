package dev.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentConfigHistory;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.RolloutView.AgentRow;
import dev.flotilla.fleet.Share;
import dev.flotilla.fleet.VersionCreated;
import dev.flotilla.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged rollout through real supervisors, each beside its own Fluent Bit (the stand-in, or the
 * binary named by {@code FLUENT_BIT_BIN}): canary, then batches; a version the agents refuse stops
 * at the canary, which the server puts back on its last applied version; rolling back makes that
 * version the canary's desired one again and leaves the other agents alone; aborting during the
 * pause after the canary skips the batches still to come. An agent outside the selector is never
 * offered anything.
 *
 * <p>Every agent runs a classic config whose host-local main file holds the {@code [SERVICE]}
 * section (each agent needs its own monitoring port) and includes {@code pipeline.conf}, the file
 * the fleet manages: that is the one file the config versions carry.
 */
@Timeout(120)
class RolloutIT {

  private static final String CONFIG = "edge-pipeline";
  private static final String PIPELINE = "pipeline.conf";
  private static final Map<String, String> EDGE = Map.of("tier", "edge");
  private static final Duration ROLLOUT = Duration.ofSeconds(60);
  private static final String V1 = pipeline("v1_dummy", "null");

  @TempDir Path dir;
  private FleetServer server;
  private final List<FluentBitBeside> started = new ArrayList<>();
  private VersionCreated v1;

  /** One supervised agent; {@code pipeline} is the managed file on disk. */
  private record Member(Supervisor supervisor, String uid, Path pipeline) {}

  @AfterEach
  void stop() {
    started.forEach(FluentBitBeside::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void canaryAndBatchesThenARefusedVersionStopsAtTheCanaryRollbackAndAbort() throws Exception {
    server = new FleetServer(dir.resolve("server"));
    List<Member> edge = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      edge.add(start("edge-" + i));
    }
    Member core = start("core");
    for (Member m : edge) {
      label(m, EDGE);
    }
    label(core, Map.of("tier", "core"));
    for (Member m : edge) {
      awaitTrue(Duration.ofSeconds(40), () -> healthy(view(m)));
    }
    awaitTrue(Duration.ofSeconds(40), () -> healthy(view(core)));
    String coreBefore = Files.readString(core.pipeline());

    List<Member> inOrder = rollOutV1(edge);
    Member canary = inOrder.getFirst();
    List<Member> rest = inOrder.subList(1, inOrder.size());
    Map<String, Long> pids = pids(rest);
    String stopped = refusedVersionStopsAtTheCanary(canary, rest);
    assertThat(pids(rest)).isEqualTo(pids);
    rollBack(stopped, canary, rest);
    assertThat(pids(rest)).isEqualTo(pids);
    abortBeforeTheFirstBatch(canary, rest);
    assertThat(pids(rest)).isEqualTo(pids);

    // the agent outside the selector was never offered anything
    Agent untouched = view(core);
    assertThat(untouched.remoteConfig()).isNull();
    assertThat(untouched.desiredConfig()).isNull();
    assertThat(Files.readString(core.pipeline())).isEqualTo(coreBefore);
    assertThat(deployments().history(core.uid())).isEmpty();
  }

  /** The canary alone, then one agent per batch; returns the agents in rollout order. */
  private List<Member> rollOutV1(List<Member> edge) throws Exception {
    VersionCreated v1 = deployments().publish(CONFIG, new PublishRequest(files(V1), "v1"));
    RolloutView first = deployments().startRollout(rollout(v1, 0));
    assertThat(first.agents())
        .extracting(AgentRow::instanceUid)
        .containsExactlyInAnyOrderElementsOf(edge.stream().map(Member::uid).toList());
    assertThat(first.agents()).extracting(AgentRow::batch).containsExactly(0, 1, 2);
    RolloutView done = awaitRollout(first.id(), r -> r.state().equals("completed"));
    assertThat(done.agents()).extracting(AgentRow::state).containsOnly("healthy");
    for (Member m : edge) {
      awaitTrue(Duration.ofSeconds(15), () -> runs(m, v1.hash(), V1));
      assertThat(view(m).desiredConfig().version()).isEqualTo(v1.version());
      assertThat(view(m).drift().state()).isEqualTo("none");
    }
    List<Member> inOrder = inRolloutOrder(done, edge);
    for (int i = 1; i < inOrder.size(); i++) {
      AgentConfigHistory before = newest(inOrder.get(i - 1));
      AgentConfigHistory after = newest(inOrder.get(i));
      assertThat(after.assignedAt()).isAfterOrEqualTo(before.outcomeAt());
    }
    this.v1 = v1;
    return inOrder;
  }

  /**
   * v2 names an output plugin that does not exist: forced past lint, refused by the agent. Returns
   * the paused rollout's id.
   */
  private String refusedVersionStopsAtTheCanary(Member canary, List<Member> rest) throws Exception {
    String v2Body = pipeline("v2_dummy", "does_not_exist");
    VersionCreated v2 =
        deployments().publish(CONFIG, new PublishRequest(files(v2Body), "v2", true, null));
    RolloutView second = deployments().startRollout(rollout(v2, 0));
    RolloutView stopped = awaitRollout(second.id(), r -> r.state().equals("paused"));
    assertThat(Files.readString(canary.pipeline())).isEqualTo(V1);
    assertThat(stopped.reason()).contains("failure budget").contains(canary.uid());
    AgentRow canaryRow = row(stopped, canary);
    assertThat(canaryRow.state()).isEqualTo("failed");
    assertThat(canaryRow.message()).contains("does_not_exist");
    assertThat(canaryRow.previousVersion()).isEqualTo(CONFIG + "@" + v1.version());
    for (Member m : rest) {
      assertThat(row(stopped, m).state()).isEqualTo("pending");
    }
    AgentConfigHistory refused = newest(canary);
    assertThat(refused.version()).isEqualTo(v2.version());
    assertThat(refused.outcome()).isEqualTo("failed");
    assertThat(refused.message()).contains("does_not_exist");
    // the server offers the canary its last applied version again
    awaitTrue(Duration.ofSeconds(20), () -> runs(canary, v1.hash(), V1));
    assertThat(view(canary).desiredConfig().version()).isEqualTo(v2.version());
    assertThat(view(canary).drift().state()).isEqualTo("failed");
    for (Member m : rest) {
      assertThat(runs(m, v1.hash(), V1)).isTrue();
    }
    return second.id();
  }

  /** Rolling back makes v1 the canary's desired version again; nobody else is offered anything. */
  private void rollBack(String stopped, Member canary, List<Member> rest) throws Exception {
    RolloutView back = deployments().rollback(stopped);
    assertThat(back.rollbackOf()).isEqualTo(stopped);
    assertThat(back.agents()).extracting(AgentRow::instanceUid).containsExactly(canary.uid());
    RolloutView restored = awaitRollout(back.id(), r -> r.state().equals("completed"));
    assertThat(restored.agents()).extracting(AgentRow::state).containsExactly("healthy");
    awaitTrue(Duration.ofSeconds(15), () -> runs(canary, v1.hash(), V1));
    assertThat(view(canary).desiredConfig().version()).isEqualTo(v1.version());
    assertThat(view(canary).drift().state()).isEqualTo("none");
    assertThat(newest(canary).rolloutId()).isEqualTo(back.id());
    RolloutView rolledBack = deployments().rollout(stopped);
    assertThat(rolledBack.state()).isEqualTo("rolled_back");
    for (Member m : rest) {
      assertThat(row(rolledBack, m).state()).isEqualTo("skipped");
      assertThat(runs(m, v1.hash(), V1)).isTrue();
    }
  }

  /** A good v3 reaches the canary; aborted during the pause, the batches after it never start. */
  private void abortBeforeTheFirstBatch(Member canary, List<Member> rest) throws Exception {
    String v3Body = pipeline("v3_dummy", "null");
    VersionCreated v3 = deployments().publish(CONFIG, new PublishRequest(files(v3Body), "v3"));
    RolloutView third = deployments().startRollout(rollout(v3, 600));
    awaitRollout(third.id(), r -> row(r, canary).state().equals("healthy"));
    awaitTrue(Duration.ofSeconds(15), () -> runs(canary, v3.hash(), v3Body));
    RolloutView aborted = deployments().abort(third.id());
    assertThat(aborted.state()).isEqualTo("aborted");
    for (Member m : rest) {
      assertThat(row(aborted, m).state()).isEqualTo("skipped");
      assertThat(row(aborted, m).message()).isEqualTo("rollout aborted");
      assertThat(runs(m, v1.hash(), V1)).isTrue();
      assertThat(deployments().history(m.uid()))
          .extracting(AgentConfigHistory::version)
          .doesNotContain(v3.version());
    }
    assertThat(runs(canary, v3.hash(), v3Body)).isTrue();
  }

  private static RolloutRequest rollout(VersionCreated v, int pauseSeconds) {
    return new RolloutRequest(
        CONFIG,
        v.version(),
        EDGE,
        new RolloutStrategy(Share.count(1), Share.count(1), pauseSeconds, 1, 30, Share.count(0)));
  }

  // ---- the agents

  private Member start(String name) throws IOException {
    var agent = new FluentBitBeside(dir.resolve(name));
    started.add(agent);
    Path main = agent.dir.resolve("etc/fluent-bit.conf");
    Path pipeline = main.resolveSibling(PIPELINE);
    Files.createDirectories(main.getParent());
    Files.writeString(main, service(agent.httpPort));
    Files.writeString(pipeline, pipeline("local_dummy", "null"));
    var overrides = agent.overrides(server.webSocketUrl());
    overrides.put("agent.config", main.toString());
    Supervisor supervisor = agent.start(null, overrides);
    return new Member(supervisor, supervisor.instanceUid().toString(), pipeline);
  }

  private static String service(int httpPort) {
    return """
        [SERVICE]
            Flush        1
            HTTP_Server  On
            HTTP_Listen  127.0.0.1
            HTTP_Port    %d
            Hot_Reload   On
            Health_Check On

        @INCLUDE %s
        """
        .formatted(httpPort, PIPELINE);
  }

  private static String pipeline(String alias, String output) {
    return """
        [INPUT]
            Name  dummy
            Alias %s

        [OUTPUT]
            Name  %s
            Match *
        """
        .formatted(alias, output);
  }

  private static Map<String, Agent.ConfigFile> files(String pipeline) {
    return Map.of(PIPELINE, new Agent.ConfigFile(pipeline, "text/plain"));
  }

  private void label(Member m, Map<String, String> labels) {
    awaitTrue(Duration.ofSeconds(30), () -> server.agent(m.uid()).isPresent());
    server.fleet().setLabels(m.uid(), labels);
  }

  private Map<String, Long> pids(List<Member> members) {
    Map<String, Long> out = new java.util.HashMap<>();
    members.forEach(m -> out.put(m.uid(), m.supervisor().runtime().pid().orElseThrow()));
    return out;
  }

  // ---- what the server shows

  /** The operator client serves both the fleet and the deployment API. */
  private Deployments deployments() {
    return (Deployments) server.fleet();
  }

  private Agent view(Member m) {
    return server.agent(m.uid()).orElseThrow();
  }

  private static boolean healthy(Agent a) {
    return a.health() != null && a.health().healthy();
  }

  /**
   * Runs the version: says APPLIED for its hash, is healthy, reports the managed file as its
   * effective config, and has it on disk.
   */
  private boolean runs(Member m, String hash, String body) throws IOException {
    Agent a = view(m);
    return a.remoteConfigStatus() != null
        && "APPLIED".equals(a.remoteConfigStatus().status())
        && hash.equals(a.remoteConfigStatus().hash())
        && healthy(a)
        && a.effectiveConfig() != null
        && a.effectiveConfig().files().containsKey(PIPELINE)
        && body.equals(a.effectiveConfig().files().get(PIPELINE).body())
        && body.equals(Files.readString(m.pipeline()));
  }

  private RolloutView awaitRollout(String id, Predicate<RolloutView> until) {
    return await()
        .atMost(ROLLOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> deployments().rollout(id), until);
  }

  private static void awaitTrue(Duration timeout, Callable<Boolean> condition) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition);
  }

  private static AgentRow row(RolloutView r, Member m) {
    return r.agents().stream()
        .filter(a -> a.instanceUid().equals(m.uid()))
        .findFirst()
        .orElseThrow();
  }

  private static List<Member> inRolloutOrder(RolloutView r, List<Member> members) {
    return r.agents().stream()
        .map(a -> members.stream().filter(m -> m.uid().equals(a.instanceUid())).findFirst())
        .map(java.util.Optional::orElseThrow)
        .toList();
  }

  private AgentConfigHistory newest(Member m) {
    return deployments().history(m.uid()).getFirst();
  }
}
