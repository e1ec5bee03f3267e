package dev.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.RemoteConfigRequest;
import dev.flotilla.supervisor.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, the real supervisor and a Fluent Bit stand-in (or real binary) over WebSocket.
 */
@Timeout(120)
class SupervisorIT {

  @TempDir Path dir;
  private FleetServer server;
  private FluentBitBeside agent;
  private Supervisor supervisor;
  private String uid;

  @BeforeEach
  void start() throws Exception {
    server = new FleetServer(dir.resolve("server"));
    agent = new FluentBitBeside(dir.resolve("agent"));
    supervisor = agent.start(server.webSocketUrl());
    uid = supervisor.instanceUid().toString();
    await().atMost(Duration.ofSeconds(30)).until(() -> healthy().isPresent());
  }

  @AfterEach
  void stop() {
    agent.close();
    server.close();
  }

  private Optional<Agent> healthy() {
    return server.agent(uid).filter(a -> a.health() != null && a.health().healthy());
  }

  private Agent agentView() {
    return server.agent(uid).orElseThrow();
  }

  private String offer(String body) {
    return offer(body, false);
  }

  /** {@code force} gets a config past the server's lint, so the agent itself must refuse it. */
  private String offer(String body, boolean force) {
    var files = Map.of("fluent-bit.yaml", new Agent.ConfigFile(body, "text/yaml"));
    return server.fleet().setRemoteConfig(uid, new RemoteConfigRequest(files, force)).hash();
  }

  private void awaitStatus(String hash, String status, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                server
                    .agent(uid)
                    .map(Agent::remoteConfigStatus)
                    .filter(s -> hash.equals(s.hash()) && status.equals(s.status()))
                    .isPresent());
  }

  @Test
  void supervisedAgentAppearsHealthyWithItsEffectiveConfig() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                agentView().health().components().containsKey("input")
                    && agentView().effectiveConfig() != null
                    && agentView().effectiveConfig().files().containsKey("fluent-bit.yaml"));
    Agent a = agentView();
    assertThat(a.description().identifying())
        .containsEntry("service.name", "io.fluentbit.fluent-bit")
        .containsKey("service.version");
    assertThat(a.description().nonIdentifying())
        .containsEntry("config.version", "1")
        .containsKey("host.name");
    assertThat(a.health().components().get("input").components()).containsKey("demo_dummy");
    assertThat(a.health().startTimeUnixNano()).isPositive();
    assertThat(a.effectiveConfig().files().get("fluent-bit.yaml").body())
        .contains("alias: demo_dummy");
    assertThat(a.connection().transport()).isEqualTo("websocket");
    assertThat(a.connection().connected()).isTrue();
  }

  @Test
  void goodConfigIsAppliedAndTheEffectiveConfigChanges() {
    String hash = offer(agent.config("from_server", ""));
    awaitStatus(hash, "APPLIED", Duration.ofSeconds(40));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                agentView()
                    .effectiveConfig()
                    .files()
                    .get("fluent-bit.yaml")
                    .body()
                    .contains("from_server"));
    // Metrics answer 404 for about a second after every start or reload.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("from_server"));
  }

  @Test
  void brokenConfigFailsWithTheReasonAndTheAgentKeepsRunningTheOldOne() throws Exception {
    long pid = supervisor.runtime().pid().orElseThrow();
    String before = Files.readString(agent.configFile);
    String hash =
        offer(agent.config("broken", "").replace("name: null", "name: does_not_exist"), true);
    awaitStatus(hash, "FAILED", Duration.ofSeconds(40));
    assertThat(agentView().remoteConfigStatus().errorMessage()).contains("does_not_exist");
    assertThat(Files.readString(agent.configFile)).isEqualTo(before);
    assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
    // Metrics answer 404 for about a second after every start or reload.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("demo_dummy"));
    assertThat(agentView().health().healthy()).isTrue();
  }

  @Test
  void reloadThatHangsIsCutOffAndTheAgentRestarted() {
    String stuck =
        offer(
            agent.config(
                "stuck", "    - name: http\n      match: '*'\n      retry_limit: no_limits\n"));
    awaitStatus(stuck, "APPLIED", Duration.ofSeconds(40));
    long pid = supervisor.runtime().pid().orElseThrow();
    String next = offer(agent.config("after_hang", ""));
    awaitStatus(next, "APPLIED", Duration.ofSeconds(60));
    assertThat(supervisor.runtime().pid().orElseThrow()).isNotEqualTo(pid);
    // Metrics answer 404 for about a second after every start or reload.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("after_hang"));
  }

  @Test
  void restartCommandRestartsTheAgentWithANewStartTime() {
    long started = agentView().health().startTimeUnixNano();
    server.fleet().sendCommand(uid, CommandRequest.restart());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> healthy().map(a -> a.health().startTimeUnixNano() > started).orElse(false));
  }

  @Test
  void crashedAgentIsRestartedAndItsHealthDropsAndRecovers() {
    long pid = supervisor.runtime().pid().orElseThrow();
    long started = agentView().health().startTimeUnixNano();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> server.agent(uid).map(a -> !a.health().healthy()).orElse(false));
    assertThat(agentView().health().lastError()).isNotBlank();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> healthy().map(a -> a.health().startTimeUnixNano() > started).orElse(false));
  }
}
