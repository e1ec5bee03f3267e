package dev.flotilla.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Defaults, the with-ers, and the settings {@link ServerConfig#validated()} refuses. */
class ServerConfigTest {
  private static final ServerConfig SECURED =
      ServerConfig.defaults().withAgentToken("agent").withOperatorToken("admin");

  @Test
  void defaults() {
    ServerConfig d = ServerConfig.defaults();
    assertThat(d.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(d.opampPort()).isEqualTo(4320);
    assertThat(d.apiPort()).isEqualTo(4321);
    assertThat(d.dataDir()).isEqualTo(Path.of("data"));
    assertThat(d.store()).isNull();
    assertThat(d.noAuth()).isFalse();
    assertThat(d.operatorTokens()).isEmpty();
    assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.approvalMode()).isEqualTo("auto");
  }

  @Test
  void eachWithChangesOneSetting() {
    ServerConfig d = ServerConfig.defaults();
    assertThat(d.withBindAddress("::1").bindAddress()).isEqualTo("::1");
    assertThat(d.withOpampPort(1).opampPort()).isEqualTo(1);
    assertThat(d.withApiPort(2).apiPort()).isEqualTo(2);
    assertThat(d.withDataDir(Path.of("x")).dataDir()).isEqualTo(Path.of("x"));
    assertThat(d.withStore("jdbc:sqlite:f").store()).isEqualTo("jdbc:sqlite:f");
    assertThat(d.withAgentToken("a").agentToken()).isEqualTo("a");
    assertThat(d.withNoAuth(true).noAuth()).isTrue();
    assertThat(d.withHeartbeatInterval(Duration.ofSeconds(5)).heartbeatInterval())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(d.withMaxMessageBytes(4096).maxMessageBytes()).isEqualTo(4096);
    assertThat(d.withMaxConnections(3).maxConnections()).isEqualTo(3);
    assertThat(d.withMaxRequestsPerSecond(4).maxRequestsPerSecond()).isEqualTo(4);
    assertThat(d.withFlushInterval(Duration.ofMillis(5)).flushInterval())
        .isEqualTo(Duration.ofMillis(5));
    assertThat(d.withApprovalMode("manual").approvalMode()).isEqualTo("manual");
    ServerConfig changed = d.withApiPort(2);
    assertThat(changed.withApiPort(4321)).isEqualTo(d);
  }

  @Test
  void theBootstrapOperatorTokenIsAnAdminAddedToTheList() {
    ServerConfig c =
        ServerConfig.defaults()
            .withOperatorTokens(List.of(new ServerConfig.OperatorToken("v", Role.VIEWER, "viewer")))
            .withOperatorToken("boot");
    assertThat(c.operatorTokens())
        .containsExactly(
            new ServerConfig.OperatorToken("v", Role.VIEWER, "viewer"),
            new ServerConfig.OperatorToken("boot", Role.ADMIN, "bootstrap"));
  }

  @Test
  void authNeedsBothTokensUnlessNoAuth() {
    assertRefused(
        ServerConfig.defaults(), "agent-token", "--no-auth", "agent-token in the config file");
    assertRefused(
        ServerConfig.defaults().withOperatorToken("admin"), "agent-token", "--agent-token");
    assertRefused(ServerConfig.defaults().withAgentToken(" "), "agent-token", "--agent-token");
    assertRefused(
        ServerConfig.defaults().withAgentToken("agent"), "operator-token", "--operator-token");
    assertThat(ServerConfig.defaults().withNoAuth(true).validated()).isNotNull();
    assertThat(SECURED.validated()).isSameAs(SECURED);
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertRefused(c -> c.withHeartbeatInterval(Duration.ZERO), "heartbeat-interval");
    assertRefused(c -> c.withHeartbeatInterval(Duration.ofSeconds(-1)), "heartbeat-interval");
    assertRefused(c -> c.withMaxMessageBytes(1023), "max-message-bytes");
    assertRefused(c -> c.withMaxConnections(0), "max-connections");
    assertRefused(c -> c.withMaxRequestsPerSecond(0), "max-requests-per-second");
    assertRefused(c -> c.withFlushInterval(Duration.ZERO), "flush-interval");
    assertRefused(c -> c.withOpampPort(65536), "opamp-port");
    assertRefused(c -> c.withApiPort(-1), "api-port");
    assertRefused(c -> c.withOperatorToken(" "), "operator-token");
    assertRefused(c -> c.withApprovalMode("sometimes"), "approval-mode", "sometimes");
    assertThat(SECURED.withApprovalMode("manual").validated()).isNotNull();
    assertThat(SECURED.withMaxMessageBytes(1024).withOpampPort(0).validated()).isNotNull();
  }

  private static void assertRefused(UnaryOperator<ServerConfig> change, String... parts) {
    assertRefused(change.apply(SECURED), parts);
  }

  private static void assertRefused(ServerConfig c, String... parts) {
    assertThatThrownBy(c::validated)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(parts);
  }
}
