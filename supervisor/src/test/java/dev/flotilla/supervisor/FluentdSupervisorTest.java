package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.supervisor.config.SupervisorConfigLoader;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import dev.flotilla.testkit.launch.StandInExecutable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class FluentdSupervisorTest {

  @TempDir Path dir;
  private FakeOpampServer server;
  private Supervisor supervisor;
  private int monitorPort;
  private int rpcPort;
  private Path configFile;

  private String config(String inputId) {
    return """
        # config_version: 3
        <system>
          rpc_endpoint 127.0.0.1:%d
          enable_get_dump true
        </system>
        <source>
          @type monitor_agent
          @id monitor
          bind 127.0.0.1
          port %d
        </source>
        <source>
          @type sample
          @id %s
          tag app.sample
        </source>
        <match app.**>
          @type null
          @id out_null
        </match>
        """
        .formatted(rpcPort, monitorPort, inputId);
  }

  @BeforeEach
  void start() throws Exception {
    monitorPort = FluentBitFixture.freePort();
    rpcPort = FluentBitFixture.freePort();
    configFile = dir.resolve("etc/fluent.conf");
    Files.createDirectories(configFile.getParent());
    Files.writeString(configFile, config("in_sample"));
    server = new FakeOpampServer(0);
    Map<String, String> o = new LinkedHashMap<>();
    o.put("server.url", server.url().toString());
    o.put("server.heartbeat", "1s");
    o.put("agent.type", "fluentd");
    o.put("agent.executable", StandInExecutable.fluentd(dir.resolve("bin")).toString());
    o.put("agent.config", configFile.toString());
    o.put("state-dir", dir.resolve("state").toString());
    o.put("health-interval", "300ms");
    o.put("remote-config.reload-timeout", "6s");
    o.put("remote-config.settle", "1s");
    supervisor =
        SupervisorAssembly.start(new SupervisorConfigLoader().load(null, o), Clock.systemUTC());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.health() != null && server.health().getHealthy());
  }

  @AfterEach
  void stop() {
    supervisor.close();
    server.close();
  }

  private String plugins() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + monitorPort + "/api/plugins.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void reportsHealthPerPluginAndVersion() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(server.health().getComponentHealthMapMap())
                    .containsKeys("input", "output"));
    assertThat(server.health().getComponentHealthMapOrThrow("input").getComponentHealthMapMap())
        .containsKey("in_sample");
    assertThat(server.description().getIdentifyingAttributesList())
        .anySatisfy(kv -> assertThat(kv.getValue().getStringValue()).isEqualTo("1.16.11"));
    assertThat(server.effectiveFiles()).containsKey("fluent.conf");
  }

  @Test
  void goodConfigIsGracefullyReloadedInTheSameProcess() {
    long pid = supervisor.runtime().pid().orElseThrow();
    var hash = server.offer("fluent.conf", config("in_renamed"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
    await().atMost(Duration.ofSeconds(10)).until(() -> plugins().contains("in_renamed"));
    assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(pid);
  }

  @Test
  void unknownPluginFailsTheDryRunAndNothingChanges() throws Exception {
    String before = Files.readString(configFile);
    var hash =
        server.offer(
            "fluent.conf", config("x").replace("@type null", "@type no_such_output_plugin"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.remoteConfigStatus() != null
                    && server.remoteConfigStatus().getLastRemoteConfigHash().equals(hash)
                    && server.remoteConfigStatus().getStatus()
                        == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
    assertThat(server.remoteConfigStatus().getErrorMessage())
        .contains("Unknown output plugin 'no_such_output_plugin'");
    assertThat(Files.readString(configFile)).isEqualTo(before);
    assertThat(plugins()).contains("in_sample");
  }
}
