package dev.flotilla.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code flotilla server --config FILE}: every key, and a clear error for every mistake. */
class ServerConfigFileTest {
  @TempDir Path dir;

  @Test
  void readsEveryKey() throws IOException {
    ServerConfig c =
        read(
            """
            bind: 127.0.0.1
            opamp-port: 14320
            api-port: 14321
            data-dir: /var/lib/flotilla
            store: jdbc:postgresql://db/flotilla
            agent-token: agent-t
            operator-token: boot-t
            operator-tokens:
              - token: view-t
                role: viewer
                name: dashboards
              - token: ops-t
                role: OPERATOR
              - token: admin-t
                role: admin
                name: platform
            no-auth: true
            heartbeat-interval: 15
            max-message-bytes: 2048
            max-connections: 10
            max-requests-per-second: 20
            flush-interval-millis: 250
            approval-mode: manual
            """);

    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.opampPort()).isEqualTo(14320);
    assertThat(c.apiPort()).isEqualTo(14321);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/flotilla"));
    assertThat(c.store()).isEqualTo("jdbc:postgresql://db/flotilla");
    assertThat(c.agentToken()).isEqualTo("agent-t");
    assertThat(c.operatorTokens())
        .containsExactly(
            new ServerConfig.OperatorToken("boot-t", Role.ADMIN, "bootstrap"),
            new ServerConfig.OperatorToken("view-t", Role.VIEWER, "dashboards"),
            new ServerConfig.OperatorToken("ops-t", Role.OPERATOR, "operator-tokens[1]"),
            new ServerConfig.OperatorToken("admin-t", Role.ADMIN, "platform"));
    assertThat(c.noAuth()).isTrue();
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.maxMessageBytes()).isEqualTo(2048);
    assertThat(c.maxConnections()).isEqualTo(10);
    assertThat(c.maxRequestsPerSecond()).isEqualTo(20);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.approvalMode()).isEqualTo("manual");
    assertThat(c.validated()).isSameAs(c);
  }

  @Test
  void readsTheEditorSection() throws IOException {
    ServerConfig c =
        read(
            "editor:\n  dir: /srv/configs\n  overlays: [/srv/a, /srv/b]\n"
                + "  fluent-bit-bin: /usr/bin/fluent-bit\n");
    assertThat(c.editor().folder()).contains(java.nio.file.Path.of("/srv/configs"));
    assertThat(c.editor().overlays())
        .containsExactly(java.nio.file.Path.of("/srv/a"), java.nio.file.Path.of("/srv/b"));
    assertThat(c.editor().binaries())
        .containsEntry("fluent-bit", java.nio.file.Path.of("/usr/bin/fluent-bit"));
    assertThat(read("editor:\n  enabled: false\n").editor()).isNull();
    assertThat(read("editor:\n  allow-fluentd-ruby: true\n").editor().allowFluentdRuby()).isTrue();
    assertThat(read("editor:\n  dir: /x\n").editor().allowFluentdRuby()).isFalse();
    assertThat(read("editor:\n  enabled: true\n").editor()).isNotNull();
    assertThatThrownBy(() -> read("editor:\n  folder: /x\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("editor.folder");
  }

  @Test
  void readsTheRolloutsSection() throws IOException {
    assertThat(read("rollouts:\n  tick-interval-millis: 250\n").rolloutTickInterval())
        .isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> read("rollouts:\n  tick: 5\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollouts.tick")
        .hasMessageContaining("tick-interval-millis");
    assertThatThrownBy(() -> read("rollouts:\n  tick-interval-millis: 0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollouts.tick-interval-millis");
  }

  @Test
  void missingKeysKeepTheBase() throws IOException {
    ServerConfig base = ServerConfig.defaults().withAgentToken("keep");
    ServerConfig c = read("api-port: 9000\n", base);
    assertThat(c).isEqualTo(base.withApiPort(9000));
    assertThat(read("", base)).isEqualTo(base);
    assertThat(read("# only a comment\n", base)).isEqualTo(base);
  }

  @Test
  void anOperatorTokenWithoutARoleIsAViewer() throws IOException {
    ServerConfig c = read("operator-tokens:\n  - token: t\n");
    assertThat(c.operatorTokens())
        .containsExactly(new ServerConfig.OperatorToken("t", Role.VIEWER, "operator-tokens[0]"));
  }

  @Test
  void anUnknownKeyIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> read("api-port: 1\nopamp_port: 4320\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'opamp_port'")
        .hasMessageContaining("opamp-port")
        .hasMessageContaining("config.yaml");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "opamp-port: abc|'opamp-port' must be a number",
        "opamp-port: 70000|'opamp-port' must be a port",
        "api-port: -1|'api-port' must be a port",
        "heartbeat-interval: '30'|'heartbeat-interval' must be a number",
        "heartbeat-interval: 1.5|'heartbeat-interval' must be a whole number",
        "max-message-bytes: [1]|'max-message-bytes' must be a number",
        "max-connections: 5000000000|'max-connections' must be between",
        "max-requests-per-second: 2.0|'max-requests-per-second' must be a whole number",
        "flush-interval-millis: true|'flush-interval-millis' must be a number",
        "no-auth: yes please|'no-auth' must be true or false",
        "no-auth: 1|'no-auth' must be true or false",
        "bind: 8|'bind' must be a non-empty string",
        "data-dir: ''|'data-dir' must be a non-empty string",
        "store: {url: x}|'store' must be a non-empty string",
        "agent-token: [a, b]|'agent-token' must be a non-empty string",
        "operator-token: 42|'operator-token' must be a non-empty string",
        "approval-mode: true|'approval-mode' must be a non-empty string",
        "operator-tokens: admin-t|'operator-tokens' must be a list",
        "operator-tokens: [admin-t]|'operator-tokens[0]' needs a 'token' string",
        "operator-tokens: [{role: admin}]|'operator-tokens[0]' needs a 'token' string",
        "operator-tokens: [{token: 7}]|'operator-tokens[0]' needs a 'token' string",
        "operator-tokens: [{token: ''}]|'operator-tokens[0]' needs a 'token' string",
        "operator-tokens: [{token: a}, {token: b, role: root}]|'operator-tokens[1].role'",
        "operator-tokens: [{token: a, rol: admin}]|'operator-tokens[0]' has an unknown key 'rol'",
      })
  void wrongTypesAreNamed(String yaml, String message) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("config.yaml");
  }

  @Test
  void notAMappingOrNotYamlOrNoFile() {
    assertThatThrownBy(() -> read("- a\n- b\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a mapping");
    assertThatThrownBy(() -> read("a: [unclosed\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid YAML");
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> ServerConfigFile.read(missing, ServerConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read config file")
        .hasMessageContaining("missing.yaml");
  }

  private ServerConfig read(String yaml) throws IOException {
    return read(yaml, ServerConfig.defaults());
  }

  private ServerConfig read(String yaml, ServerConfig base) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return ServerConfigFile.read(file, base);
  }
}
