package dev.flotilla.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.testkit.sim.SimulatedAgent;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The confirmation gate, the audit trail, Origin and token checks, and MCP being off. */
class McpSafetyTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String INIT =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
      "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";

  @TempDir Path dir;
  McpFixture fx;
  SimulatedAgent agent;
  McpSyncClient operator;

  @BeforeEach
  void start() {
    fx = new McpFixture(dir, true);
    agent = fx.agent("fra-1", Map.of("env", "prod"));
    operator = fx.client(McpFixture.OPERATOR);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aDestructiveToolOnlyPlansOnTheFirstCallAndActsOnceConfirmed() {
    String uid = agent.instanceUid().toString();
    JsonNode plan = call(operator, "restart_agent", Map.of("uid", uid));
    assertThat(plan.path("status").asString()).isEqualTo("confirmation_required");
    assertThat(plan.path("plan").path("agent").path("uid").asString()).isEqualTo(uid);
    assertThat(plan.path("plan").path("acceptsRestart").asBoolean()).isTrue();
    String id = plan.path("confirm").asString();
    assertThat(fx.getJson("/api/v1/agents/" + uid + "/commands").size()).isZero();

    JsonNode done = call(operator, "restart_agent", Map.of("uid", uid, "confirm", id));
    assertThat(done.path("type").asString()).isEqualTo("restart");
    assertThat(fx.getJson("/api/v1/agents/" + uid + "/commands").size()).isEqualTo(1);

    JsonNode again = refused(operator, "restart_agent", Map.of("uid", uid, "confirm", id));
    assertThat(again.path("error").path("message").asString()).contains("already used");
    assertThat(fx.getJson("/api/v1/agents/" + uid + "/commands").size()).isEqualTo(1);

    JsonNode audit = fx.getJson("/api/v1/audit");
    assertThat(audit.path("events").toString())
        .contains("agent.restart")
        .contains("token olga via MCP");
  }

  @Test
  void expiredForeignAndMismatchedConfirmationsAreRefused() {
    String uid = agent.instanceUid().toString();
    Map<String, Object> args = Map.of("uid", uid, "labels", Map.of("env", "dev"));

    String foreign = call(operator, "set_labels", args).path("confirm").asString();
    McpSyncClient other = fx.client(McpFixture.OPERATOR_2);
    assertThat(
            refused(other, "set_labels", with(args, foreign))
                .path("error")
                .path("message")
                .asString())
        .contains("another caller");

    Map<String, Object> changed = Map.of("uid", uid, "labels", Map.of("env", "qa"));
    assertThat(
            refused(operator, "set_labels", with(changed, foreign))
                .path("error")
                .path("message")
                .asString())
        .contains("other arguments");
    assertThat(
            refused(operator, "block_agent", with(Map.of("uid", uid), foreign))
                .path("error")
                .path("code")
                .asString())
        .isEqualTo("confirmation_refused");

    String expiring = call(operator, "set_labels", args).path("confirm").asString();
    fx.clock.advance(Confirmations.LIFETIME.plusSeconds(1));
    assertThat(
            refused(operator, "set_labels", with(args, expiring))
                .path("error")
                .path("message")
                .asString())
        .contains("expired");
    assertThat(
            refused(operator, "set_labels", with(args, "made-up"))
                .path("error")
                .path("message")
                .asString())
        .contains("unknown");
    assertThat(fx.getJson("/api/v1/agents/" + uid).path("labels").path("env").asString())
        .isEqualTo("prod");

    // the first id was never spent: its owner can still not use it after expiry, but a fresh one
    // works
    String fresh = call(operator, "set_labels", args).path("plan").path("changes").toString();
    assertThat(fresh).contains("\"from\":\"prod\"").contains("\"to\":\"dev\"");
  }

  @Test
  void aConfirmedRolloutStartsAndIsAuditedAsTheCallerViaMcp() {
    fx.publish("web", McpFixture.CONF);
    Map<String, Object> args = Map.of("config", "web", "selector", Map.of("env", "prod"));
    JsonNode plan = call(operator, "start_rollout", args);
    assertThat(plan.path("plan").path("agentCount").asInt()).isEqualTo(1);
    assertThat(plan.path("plan").path("agents").get(0).path("uid").asString())
        .isEqualTo(agent.instanceUid().toString());
    assertThat(fx.getJson("/api/v1/rollouts").size()).isZero();

    JsonNode started = call(operator, "start_rollout", with(args, plan.path("confirm").asString()));
    String id = started.path("id").asString();
    assertThat(started.path("config").asString()).isEqualTo("web");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fx.getJson("/api/v1/rollouts/" + id).path("state").asString().equals("completed"));

    JsonNode rollout = call(operator, "get_rollout", Map.of("id", id));
    assertThat(rollout.path("agents").size()).isEqualTo(1);
    JsonNode back = call(operator, "rollback_rollout", Map.of("id", id));
    assertThat(back.path("status").asString()).isEqualTo("confirmation_required");
    assertThat(fx.getJson("/api/v1/audit").path("events").toString())
        .contains("rollout.start")
        .contains("token olga via MCP");
  }

  @Test
  void foreignOriginsAreForbiddenAndATokenIsRequired() {
    var evil =
        fx.send("POST", McpMount.PATH, INIT, headers(McpFixture.VIEWER, "http://evil.example"));
    assertThat(evil.statusCode()).isEqualTo(403);
    var sameHost = fx.send("POST", McpMount.PATH, INIT, headers(McpFixture.VIEWER, fx.base()));
    assertThat(sameHost.statusCode()).isEqualTo(200);
    var noOrigin = fx.send("POST", McpMount.PATH, INIT, headers(McpFixture.VIEWER, null));
    assertThat(noOrigin.statusCode()).isEqualTo(200);
    assertThat(noOrigin.headers().firstValue("Mcp-Session-Id")).isPresent();
    for (var r : java.util.List.of(sameHost, noOrigin)) {
      // end the sessions, as a client would: open ones hold up the server's stop
      Map<String, String> h = headers(McpFixture.VIEWER, null);
      h.put("Mcp-Session-Id", r.headers().firstValue("Mcp-Session-Id").orElseThrow());
      assertThat(fx.send("DELETE", McpMount.PATH, null, h).statusCode()).isLessThan(300);
    }

    var anonymous = fx.send("POST", McpMount.PATH, INIT, headers(null, null));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(fx.send("POST", McpMount.PATH, INIT, headers("not-a-token", null)).statusCode())
        .isEqualTo(401);
    assertThat(fx.rest("GET", McpMount.RESOURCE_METADATA, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theEndpointIsAbsentWhenMcpIsOff(@TempDir Path other) {
    try (McpFixture off = new McpFixture(other, false)) {
      assertThat(
              off.send("POST", McpMount.PATH, INIT, headers(McpFixture.ADMIN, null)).statusCode())
          .isEqualTo(404);
    }
  }

  private static Map<String, String> headers(String token, String origin) {
    Map<String, String> h = new HashMap<>();
    h.put("Accept", "application/json, text/event-stream");
    if (token != null) {
      h.put("Authorization", "Bearer " + token);
    }
    if (origin != null) {
      h.put("Origin", origin);
    }
    return h;
  }

  private static Map<String, Object> with(Map<String, Object> args, String confirm) {
    Map<String, Object> out = new HashMap<>(args);
    out.put("confirm", confirm);
    return out;
  }

  private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + r.content()).isFalse();
    return JSON.valueToTree(r.structuredContent());
  }

  private static JsonNode refused(McpSyncClient client, String tool, Map<String, Object> args) {
    CallToolResult r = client.callTool(new CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + r.content()).isTrue();
    return JSON.valueToTree(r.structuredContent());
  }
}
