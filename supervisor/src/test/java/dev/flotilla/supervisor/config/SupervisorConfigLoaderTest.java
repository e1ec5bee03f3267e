package dev.flotilla.supervisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.supervisor.config.SupervisorConfig.AgentType;
import dev.flotilla.supervisor.config.SupervisorConfig.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorConfigLoaderTest {

  @TempDir Path dir;
  private final SupervisorConfigLoader loader = new SupervisorConfigLoader();

  private SupervisorConfig load(String yaml, Map<String, String> overrides) throws Exception {
    Path file = dir.resolve("supervisor.yaml");
    Files.writeString(file, yaml);
    return loader.load(file, overrides);
  }

  private static final String FULL =
      """
      server:
        url: ws://127.0.0.1:4320/v1/opamp
        token: abc
        heartbeat: 15s
        compression: gzip
      agent:
        type: fluent-bit
        executable: /opt/fluent-bit/bin/fluent-bit
        args: [-q]
        config: /etc/fluent-bit/fluent-bit.yaml
        log:
          max-size: 5MB
      remote-config:
        allow: ['/etc/fluent-bit/**']
        reload-timeout: 500ms
      state-dir: /var/lib/flotilla
      """;

  @Test
  void readsEveryKeyWithDefaults() throws Exception {
    var c = load(FULL, Map.of());
    assertThat(c.server().headers()).containsEntry("Authorization", "Bearer abc");
    assertThat(c.server().heartbeat()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.server().gzip()).isTrue();
    assertThat(c.agent().type()).isEqualTo(AgentType.FLUENT_BIT);
    assertThat(c.agent().mode()).isEqualTo(Mode.SUPERVISOR);
    assertThat(c.agent().args()).containsExactly("-q");
    assertThat(c.agent().logMaxBytes()).isEqualTo(5L << 20);
    assertThat(c.agent().logFile()).isEqualTo(Path.of("/var/lib/flotilla/agent.log"));
    assertThat(c.remoteConfig().enabled()).isTrue();
    assertThat(c.remoteConfig().reloadTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.healthInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void flagsOverrideTheFile() throws Exception {
    var c =
        load(
            FULL,
            Map.of(
                "server.url",
                "http://10.0.0.1:4320/v1/opamp",
                "agent.observe.match",
                "fluent-bit -c"));
    assertThat(c.server().url().getHost()).isEqualTo("10.0.0.1");
    assertThat(c.agent().mode()).isEqualTo(Mode.OBSERVER);
  }

  @Test
  void transportChoosesTheScheme() throws Exception {
    var c = load(FULL.replace("token: abc", "transport: http"), Map.of());
    assertThat(c.server().endpoint().toString()).isEqualTo("http://127.0.0.1:4320/v1/opamp");
  }

  @Test
  void errorsNameTheBadKey() {
    assertThatThrownBy(() -> load(FULL.replace("type: fluent-bit", "type: vector"), Map.of()))
        .hasMessageStartingWith("agent.type: expected one of [fluent-bit, fluentd], got 'vector'");
    assertThatThrownBy(() -> load(FULL.replace("heartbeat: 15s", "heartbeat: soon"), Map.of()))
        .hasMessageStartingWith("server.heartbeat:");
    assertThatThrownBy(() -> load(FULL.replace("compression: gzip", "compresion: gzip"), Map.of()))
        .hasMessage("server.compresion: unknown key");
    assertThatThrownBy(
            () ->
                load(FULL.replace("  executable: /opt/fluent-bit/bin/fluent-bit\n", ""), Map.of()))
        .hasMessageStartingWith("agent.executable: is required");
    assertThatThrownBy(() -> load(FULL.replace("state-dir: /var/lib/flotilla", ""), Map.of()))
        .hasMessageStartingWith("state-dir: is required");
    assertThatThrownBy(() -> load(FULL, Map.of("server.url", "ftp://x/")))
        .hasMessageStartingWith("server.url:");
    assertThatThrownBy(
            () ->
                load(
                    FULL,
                    Map.of("agent.observe.match", "x", "agent.service-manager.type", "systemd")))
        .hasMessageStartingWith("agent.service-manager.name: is required");
  }
}
