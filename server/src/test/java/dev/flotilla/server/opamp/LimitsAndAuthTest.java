package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size limits, authentication and overload protection, on real sockets. */
class LimitsAndAuthTest {
  private static final long STATUS = Capabilities.of(AgentCapabilities_ReportsStatus);
  private static final int LIMIT = 64 * 1024;

  @TempDir Path dir;

  @Test
  void oversizedMessagesAreRefusedAndTheServerStaysUp() {
    try (TestServer server = TestServer.start(dir, c -> c.withMaxMessageBytes(LIMIT))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      assertThat(http.post(new byte[LIMIT + 1]).statusCode()).isEqualTo(413);
      // A small gzip body that inflates far past the cap: refused without inflating it all.
      byte[] bomb = OpampHttp.gzip(new byte[50 * 1024 * 1024]);
      assertThat(bomb.length).isLessThan(LIMIT);
      assertThat(http.post(bomb, "Content-Encoding", "gzip").statusCode()).isEqualTo(413);

      try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
        ws.sendRaw(new byte[LIMIT + 10]);
        assertThat(ws.awaitClose()).isEqualTo(1009);
      }
      RawAgent agent = new RawAgent(STATUS);
      assertThat(http.send(agent.full("ok").build()).hasErrorResponse()).isFalse();
      assertThat(server.api("GET", "/metrics", null).body())
          .contains("flotilla_opamp_errors_total{kind=\"too_large\"} 2");
    }
  }

  @Test
  void agentsNeedTheAgentTokenOnBothTransports() {
    try (TestServer server = TestServer.start(dir, LimitsAndAuthTest::withTokens)) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      byte[] hello = new RawAgent(STATUS).full("a").build().toByteArray();
      HttpResponse<byte[]> none = http.post(hello);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      http.token = "wrong";
      assertThat(http.post(hello).statusCode()).isEqualTo(401);
      http.token = TestServer.AGENT_TOKEN;
      assertThat(http.post(hello).statusCode()).isEqualTo(200);

      assertThatThrownBy(() -> OpampWebSocket.connect(server.opampWs()))
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
      try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs(), TestServer.AGENT_TOKEN)) {
        assertThat(ws.exchange(new RawAgent(STATUS).full("b").build()).hasErrorResponse())
            .isFalse();
      }
      // The operator token is not an agent token, and the reverse.
      http.token = TestServer.ADMIN_TOKEN;
      assertThat(http.post(hello).statusCode()).isEqualTo(401);
      assertThat(server.api("GET", "/api/v1/agents", null, TestServer.AGENT_TOKEN).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void operatorRolesAreEnforcedOnTheApi() {
    try (TestServer server = TestServer.start(dir, LimitsAndAuthTest::withTokens)) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      http.token = TestServer.AGENT_TOKEN;
      RawAgent agent = new RawAgent(STATUS);
      http.send(agent.full("a").build());
      String labels = "/api/v1/agents/" + agent.uid + "/labels";

      HttpResponse<String> anonymous = server.api("GET", "/api/v1/agents", null, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(server.json(anonymous.body()).at("/error/code").asString())
          .isEqualTo("unauthorized");
      assertThat(server.api("GET", "/api/v1/agents", null, "viewer-t").statusCode()).isEqualTo(200);
      HttpResponse<String> forbidden = server.api("PUT", labels, "{\"env\":\"prod\"}", "viewer-t");
      assertThat(forbidden.statusCode()).isEqualTo(403);
      assertThat(server.json(forbidden.body()).at("/error/message").asString())
          .contains("operator");
      assertThat(server.api("PUT", labels, "{\"env\":\"prod\"}", "operator-t").statusCode())
          .isEqualTo(200);
      assertThat(
              server.api("DELETE", "/api/v1/agents/" + agent.uid, null, "operator-t").statusCode())
          .isEqualTo(403);
      assertThat(
              server
                  .api("DELETE", "/api/v1/agents/" + agent.uid, null, TestServer.ADMIN_TOKEN)
                  .statusCode())
          .isEqualTo(204);
      assertThat(server.api("GET", "/api/v1/openapi.json", null, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void overloadIsRefusedWithRetryAdvice() {
    try (TestServer server =
        TestServer.start(dir, c -> c.withMaxRequestsPerSecond(2).withMaxConnections(1))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      RawAgent agent = new RawAgent(STATUS);
      HttpResponse<byte[]> last = null;
      for (int i = 0; i < 6 && (last == null || last.statusCode() == 200); i++) {
        last = http.post(agent.full("a").build().toByteArray());
      }
      assertThat(last.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(30L, 60L);

      try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
        ServerToAgent refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
          ServerToAgent reply = ws.exchange(agent.next().build());
          if (reply.hasErrorResponse()) {
            refused = reply;
          }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getErrorResponse().getType())
            .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_Unavailable);
        assertThat(refused.getErrorResponse().getRetryInfo().getRetryAfterNanoseconds())
            .isGreaterThanOrEqualTo(30_000_000_000L);

        // The one connection slot is taken: a second upgrade is refused before upgrading.
        assertThatThrownBy(() -> OpampWebSocket.connect(server.opampWs()))
            .cause()
            .isInstanceOfSatisfying(
                WebSocketHandshakeException.class,
                e -> {
                  assertThat(e.getResponse().statusCode()).isEqualTo(503);
                  assertThat(e.getResponse().headers().firstValue("Retry-After")).isPresent();
                });
      }
    }
  }

  private static ServerConfig withTokens(ServerConfig c) {
    return c.withNoAuth(false)
        .withAgentToken(TestServer.AGENT_TOKEN)
        .withOperatorTokens(
            List.of(
                new ServerConfig.OperatorToken(TestServer.ADMIN_TOKEN, Role.ADMIN, "admin"),
                new ServerConfig.OperatorToken("operator-t", Role.OPERATOR, "ops"),
                new ServerConfig.OperatorToken("viewer-t", Role.VIEWER, "view")));
  }
}
