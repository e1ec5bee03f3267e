package dev.flotilla.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.config.ServerConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flotilla server} flags become a {@link ServerConfig}; flags win over the file. */
class ServerCommandTest {
  @TempDir Path dir;

  @Test
  void everyFlag() {
    ServerConfig c =
        parse(
            "--bind",
            "127.0.0.1",
            "--opamp-port",
            "14320",
            "--api-port",
            "14321",
            "--data-dir",
            "/var/lib/flotilla",
            "--store",
            "jdbc:postgresql://db/flotilla?user=u",
            "--agent-token",
            "agent-t",
            "--operator-token",
            "admin-t",
            "--no-auth",
            "--heartbeat-interval",
            "12",
            "--max-message-bytes",
            "4096",
            "--max-connections",
            "7",
            "--max-requests-per-second",
            "8",
            "--approval-mode",
            "manual");

    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.opampPort()).isEqualTo(14320);
    assertThat(c.apiPort()).isEqualTo(14321);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/flotilla"));
    assertThat(c.store()).isEqualTo("jdbc:postgresql://db/flotilla?user=u");
    assertThat(c.agentToken()).isEqualTo("agent-t");
    assertThat(c.operatorTokens())
        .containsExactly(new ServerConfig.OperatorToken("admin-t", Role.ADMIN, "bootstrap"));
    assertThat(c.noAuth()).isTrue();
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.maxMessageBytes()).isEqualTo(4096);
    assertThat(c.maxConnections()).isEqualTo(7);
    assertThat(c.maxRequestsPerSecond()).isEqualTo(8);
    assertThat(c.approvalMode()).isEqualTo("manual");
  }

  @Test
  void noFlagsKeepTheDefaults() {
    assertThat(parse()).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void flagsWinOverTheConfigFileWhichWinsOverDefaults() throws IOException {
    Path file = dir.resolve("server.yaml");
    Files.writeString(file, "opamp-port: 5000\napi-port: 5001\nagent-token: from-file\n");
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs("--config", file.toString(), "--api-port", "6001");
    ServerConfig c =
        command.applyFlags(ServerConfigFile.read(command.config, ServerConfig.defaults()));
    assertThat(c.opampPort()).isEqualTo(5000);
    assertThat(c.apiPort()).isEqualTo(6001);
    assertThat(c.agentToken()).isEqualTo("from-file");
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void malformedValuesAreParameterErrors() {
    assertThatThrownBy(() -> parse("--opamp-port", "http"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--opamp-port");
    assertThatThrownBy(() -> parse("--heartbeat-interval", "30s"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--heartbeat-interval");
    assertThatThrownBy(() -> parse("--no-such-flag"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--no-such-flag");
  }

  private static ServerConfig parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command.applyFlags(ServerConfig.defaults());
  }
}
