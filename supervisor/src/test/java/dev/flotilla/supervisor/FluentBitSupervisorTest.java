package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.CommandType;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class FluentBitSupervisorTest {

  @TempDir Path dir;
  private FakeOpampServer server;
  private FluentBitFixture agent;
  private Supervisor supervisor;

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpampServer(0);
    agent = new FluentBitFixture(dir);
    supervisor = agent.start(server.url());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.health() != null && server.health().getHealthy());
  }

  @AfterEach
  void stop() {
    agent.close();
    server.close();
  }

  private long pid() {
    return supervisor.runtime().pid().orElse(-1);
  }

  @Test
  void reportsHealthyAgentWithDescriptionAndEffectiveConfig() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(server.health().getComponentHealthMapMap()).containsKey("input"));
    assertThat(server.health().getComponentHealthMapOrThrow("input").getComponentHealthMapMap())
        .containsKey("demo_dummy");
    assertThat(server.health().getStartTimeUnixNano()).isPositive();
    assertThat(server.effectiveFiles()).containsKey("fluent-bit.yaml");
    assertThat(server.effectiveFiles().get("fluent-bit.yaml")).contains("alias: demo_dummy");
    var attrs = server.description().getIdentifyingAttributesList();
    assertThat(attrs)
        .anySatisfy(
            kv -> {
              assertThat(kv.getKey()).isEqualTo("service.version");
              assertThat(kv.getValue().getStringValue()).isEqualTo("5.1.1");
            });
    assertThat(server.description().getNonIdentifyingAttributesList())
        .anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("config.version"));
    assertThat(attrs)
        .anySatisfy(
            kv -> {
              assertThat(kv.getKey()).isEqualTo("service.instance.id");
              assertThat(kv.getValue().getStringValue()).endsWith("-edge");
            });
    assertThat(server.lastUid().toString()).isEqualTo(supervisor.instanceUid().toString());
    assertThat(Files.exists(dir.resolve("state/instance-uid"))).isTrue();
  }

  @Test
  void reportsAvailableComponentsHashFirstAndTheMapWhenAsked() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.received().stream().anyMatch(m -> m.hasAvailableComponents()));
    var first =
        server.received().stream()
            .filter(m -> m.hasAvailableComponents())
            .findFirst()
            .orElseThrow();
    assertThat(first.getAvailableComponents().getHash()).isNotEmpty();
    assertThat(first.getAvailableComponents().getComponentsCount()).isZero();
    server.push(
        ServerToAgent.newBuilder()
            .setFlags(ServerToAgentFlags.ServerToAgentFlags_ReportAvailableComponents_VALUE)
            .build());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server.received().stream()
                    .anyMatch(
                        m ->
                            m.getAvailableComponents().getComponentsMap().containsKey("outputs")
                                && m.getAvailableComponents()
                                    .getComponentsOrThrow("outputs")
                                    .getSubComponentMapMap()
                                    .containsKey("null")));
  }

  @Test
  void goodConfigIsAppliedByHotReload() {
    long pidBefore = pid();
    var hash = server.offer("fluent-bit.yaml", agent.config("renamed_input", ""));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
    assertThat(agent.get("/api/v2/reload")).isEqualTo("{\"hot_reload_count\":1}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("renamed_input"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server
                    .effectiveFiles()
                    .getOrDefault("fluent-bit.yaml", "")
                    .contains("renamed_input"));
    assertThat(pid()).isEqualTo(pidBefore);
    assertThat(server.received())
        .anyMatch(
            m ->
                m.getRemoteConfigStatus().getStatus()
                    == RemoteConfigStatuses.RemoteConfigStatuses_APPLYING);
  }

  @Test
  void brokenConfigFailsWithTheAgentsReasonAndKeepsTheOldOne() throws Exception {
    long pidBefore = pid();
    String before = Files.readString(agent.configFile);
    var hash =
        server.offer(
            "fluent-bit.yaml", agent.config("x", "").replace("name: null", "name: does_not_exist"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
    assertThat(server.remoteConfigStatus().getErrorMessage())
        .contains("schema check failed")
        .contains("unknown output plugin 'does_not_exist'")
        .doesNotContain("staging");
    assertThat(Files.readString(agent.configFile)).isEqualTo(before);
    assertThat(pid()).isEqualTo(pidBefore);
    // Metrics answer 404 for about a second after every start or reload.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("demo_dummy"));
  }

  @Test
  void configOutsideTheAllowListIsRefused() {
    var hash = server.offer("../outside.yaml", "x");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
    assertThat(server.remoteConfigStatus().getErrorMessage()).contains("refused");
    assertThat(Files.exists(dir.resolve("outside.yaml"))).isFalse();
  }

  private void awaitFailed(ByteString hash) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
  }

  @Test
  void windowsStyleDotDotNameIsRefusedAndNothingIsWrittenAnywhere() throws Exception {
    String name = "flotilla-escape-" + ProcessHandle.current().pid() + ".conf";
    String before = Files.readString(agent.configFile);
    var hash = server.offer("..\\..\\..\\..\\..\\tmp\\" + name, "[INPUT]\n    name dummy\n");
    awaitFailed(hash);
    assertThat(server.remoteConfigStatus().getErrorMessage()).contains("refused");
    assertThat(Path.of("/tmp", name)).doesNotExist();
    try (var all = Files.walk(dir.getParent(), 6)) {
      assertThat(all.filter(p -> p.getFileName().toString().contains(name))).isEmpty();
    }
    assertThat(Files.readString(agent.configFile)).isEqualTo(before);
  }

  @Test
  void aSymlinkedFolderInsideTheConfigFolderIsNotWrittenThrough() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(agent.configFile.getParent().resolve("linked"), outside);
    var hash = server.offer("linked/x.yaml", "pipeline: {}\n");
    awaitFailed(hash);
    assertThat(outside.resolve("x.yaml")).doesNotExist();
  }

  @Test
  void abortedReloadRestoresTheOldConfigAndRestartsTheAgent() throws Exception {
    String before = Files.readString(agent.configFile);
    String aborting =
        agent
            .config("y", "")
            .replace(
                "      alias: y\n",
                "      alias: y\n    - name: tail\n      path: /nonexistent/*.log\n"
                    + "      refresh_interval: xyz\n");
    var hash = server.offer("fluent-bit.yaml", aborting);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
    assertThat(server.remoteConfigStatus().getErrorMessage())
        .contains("255")
        .contains("refresh_interval");
    assertThat(Files.readString(agent.configFile)).isEqualTo(before);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                server.health().getHealthy()
                    && agent.get("/api/v1/metrics").contains("demo_dummy"));
  }

  @Test
  void hungReloadIsCutOffAndTheAgentRestarted() throws Exception {
    // The running pipeline gets an output that can never deliver: reloading away from it hangs.
    var stuck =
        server.offer(
            "fluent-bit.yaml",
            agent.config(
                "stuck", "    - name: http\n      match: '*'\n      retry_limit: no_limits\n"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(stuck)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
    long pidBefore = pid();
    var next = server.offer("fluent-bit.yaml", agent.config("after_hang", ""));
    await()
        .atMost(Duration.ofSeconds(45))
        .until(
            () ->
                server.remoteConfigStatus().getLastRemoteConfigHash().equals(next)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
    assertThat(pid()).isNotEqualTo(pidBefore);
    // Metrics answer 404 for about a second after every start or reload.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.get("/api/v1/metrics").contains("after_hang"));
  }

  @Test
  void restartCommandRestartsTheAgent() {
    long startBefore = server.health().getStartTimeUnixNano();
    long pidBefore = pid();
    server.push(
        ServerToAgent.newBuilder()
            .setCommand(ServerToAgentCommand.newBuilder().setType(CommandType.CommandType_Restart))
            .build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.health().getHealthy()
                    && server.health().getStartTimeUnixNano() > startBefore);
    assertThat(pid()).isNotEqualTo(pidBefore);
  }

  @Test
  void crashedAgentIsRestartedAndHealthDropsAndRecovers() {
    long pidBefore = pid();
    ProcessHandle.of(pidBefore).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                server.received().stream()
                    .anyMatch(
                        m ->
                            m.hasHealth()
                                && !m.getHealth().getHealthy()
                                && m.getHealth()
                                    .getLastError()
                                    .contains("exited with status 137")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.health().getHealthy() && pid() != pidBefore && pid() > 0);
  }
}
