package dev.flotilla.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testkit.sim.SimulatedAgent;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The MCP endpoint over real HTTP with the SDK's own client: listing, viewer tools, roles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpToolsTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  McpFixture fx;
  SimulatedAgent prod;
  SimulatedAgent staging;
  McpSyncClient viewer;

  @BeforeAll
  void start() {
    fx = new McpFixture(dir, true);
    prod = fx.agent("fra-1", Map.of("env", "prod"));
    staging = fx.agent("fra-2", Map.of("env", "staging"));
    viewer = fx.client(McpFixture.VIEWER);
    fx.publish("web", McpFixture.CONF);
    fx.publish("web", McpFixture.CONF.replace("flush        1", "flush        5"));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void initializeNegotiatesTheNewestProtocolAndListsEveryTool() {
    assertThat(viewer.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
    List<McpSchema.Tool> tools = viewer.listTools().tools();
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrder(
            "fleet_summary",
            "list_agents",
            "get_agent",
            "get_effective_config",
            "get_agent_events",
            "lint_config",
            "convert_config",
            "list_configs",
            "list_versions",
            "diff_versions",
            "list_rollouts",
            "get_rollout",
            "set_labels",
            "restart_agent",
            "approve_agent",
            "block_agent",
            "start_rollout",
            "pause_rollout",
            "resume_rollout",
            "abort_rollout",
            "rollback_rollout");
    McpSchema.Tool summary = tool(tools, "fleet_summary");
    assertThat(summary.annotations().readOnlyHint()).isTrue();
    assertThat(summary.annotations().destructiveHint()).isFalse();
    McpSchema.Tool restart = tool(tools, "restart_agent");
    assertThat(restart.annotations().readOnlyHint()).isFalse();
    assertThat(restart.annotations().destructiveHint()).isTrue();
    assertThat(restart.description()).contains("operator role").contains("confirm");
    assertThat(restart.meta()).containsEntry("flotilla/role", "operator");
    assertThat(restart.inputSchema()).containsKey("properties");
    McpSchema.Tool approve = tool(tools, "approve_agent");
    assertThat(approve.annotations().destructiveHint()).isFalse();
    assertThat(approve.annotations().idempotentHint()).isTrue();

    assertThat(viewer.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactlyInAnyOrder(McpResources.VERSION_TEMPLATE, McpResources.EFFECTIVE_TEMPLATE);
    assertThat(viewer.listPrompts().prompts())
        .extracting(McpSchema.Prompt::name)
        .containsExactlyInAnyOrder("diagnose_unhealthy_agents", "review_config_before_rollout");
    assertThat(viewer.ping()).isNotNull();
  }

  @Test
  void viewerToolsAnswerFromTheLiveFleet() {
    String uid = prod.instanceUid().toString();
    assertThat(ok("fleet_summary", Map.of()).path("total").asInt()).isEqualTo(2);

    JsonNode prodOnly = ok("list_agents", Map.of("selector", Map.of("env", "prod")));
    assertThat(prodOnly.path("total").asInt()).isEqualTo(1);
    assertThat(prodOnly.path("items").get(0).path("uid").asString()).isEqualTo(uid);
    assertThat(prodOnly.path("items").get(0).path("connected").asBoolean()).isTrue();
    assertThat(ok("list_agents", Map.of("text", "fra-2", "limit", 5)).path("total").asInt())
        .isEqualTo(1);
    assertThat(ok("list_agents", Map.of("approval", "pending")).path("total").asInt()).isZero();

    JsonNode agent = ok("get_agent", Map.of("uid", uid));
    assertThat(agent.path("labels").path("env").asString()).isEqualTo("prod");
    assertThat(agent.path("effectiveConfigFiles").toString()).contains("fluent-bit.conf");
    assertThat(agent.path("drift").path("state").isMissingNode()).isFalse();

    JsonNode effective = ok("get_effective_config", Map.of("uid", uid));
    assertThat(effective.path("files").path("fluent-bit.conf").path("body").asString())
        .contains("[OUTPUT]");
    assertThat(ok("get_agent_events", Map.of("uid", uid, "limit", 10)).path("items").size())
        .isPositive();

    JsonNode lint =
        ok("lint_config", Map.of("text", "[INPUT]\n    name  no_such_plugin\n    tag x\n"));
    assertThat(lint.path("errors").asInt()).isPositive();
    assertThat(lint.path("format").asString()).isEqualTo("classic");
    assertThat(ok("lint_config", Map.of("text", McpFixture.CONF)).path("errors").asInt()).isZero();

    JsonNode yaml = ok("convert_config", Map.of("text", McpFixture.CONF, "to", "yaml"));
    assertThat(yaml.path("text").asString()).contains("pipeline:").contains("stdout");
    JsonNode back =
        ok("convert_config", Map.of("text", yaml.path("text").asString(), "to", "classic"));
    assertThat(back.path("text").asString()).contains("[OUTPUT]");

    assertThat(ok("list_configs", Map.of()).path("configs").toString()).contains("\"web\"");
    JsonNode versions = ok("list_versions", Map.of("name", "web"));
    assertThat(versions.path("versions").size()).isEqualTo(2);
    assertThat(versions.path("versions").get(0).path("uri").asString())
        .isEqualTo("flotilla://configs/web/versions/2");
    JsonNode diff = ok("diff_versions", Map.of("name", "web", "from", 1, "to", 2));
    assertThat(diff.path("files").get(0).path("unified").asString())
        .contains("+    flush        5");
    assertThat(ok("list_rollouts", Map.of()).path("rollouts").isArray()).isTrue();

    JsonNode missing = error("get_agent", Map.of("uid", "0190a4e2-0000-7000-8000-000000000000"));
    assertThat(missing.path("error").path("code").asString()).isEqualTo("not_found");
    assertThat(error("get_rollout", Map.of("id", "nope")).path("error").path("code").asString())
        .isEqualTo("not_found");
  }

  @Test
  void resourcesAndPromptsCarryTheFacts() {
    var version =
        viewer.readResource(new McpSchema.ReadResourceRequest("flotilla://configs/web/versions/1"));
    assertThat(((McpSchema.TextResourceContents) version.contents().getFirst()).text())
        .contains("flush        1");
    var effective =
        viewer.readResource(
            new McpSchema.ReadResourceRequest(
                "flotilla://agents/" + staging.instanceUid() + "/effective-config"));
    assertThat(((McpSchema.TextResourceContents) effective.contents().getFirst()).text())
        .contains("[INPUT]");

    var diagnose =
        viewer.getPrompt(new McpSchema.GetPromptRequest("diagnose_unhealthy_agents", Map.of()));
    assertThat(((McpSchema.TextContent) diagnose.messages().getFirst().content()).text())
        .contains("get_agent_events")
        .contains("\"total\":2");
    var review =
        viewer.getPrompt(
            new McpSchema.GetPromptRequest(
                "review_config_before_rollout", Map.of("config", "web")));
    assertThat(((McpSchema.TextContent) review.messages().getFirst().content()).text())
        .contains("flush        5")
        .contains("diffFromPrevious");
  }

  @Test
  void aViewerIsRefusedEveryOperatorToolAndNothingChanges() {
    String uid = prod.instanceUid().toString();
    for (String tool :
        List.of("restart_agent", "block_agent", "approve_agent", "set_labels", "start_rollout")) {
      Map<String, Object> args =
          switch (tool) {
            case "set_labels" -> Map.of("uid", uid, "labels", Map.of("env", "dev"));
            case "start_rollout" -> Map.of("config", "web");
            default -> Map.of("uid", uid);
          };
      JsonNode refused = error(tool, args);
      assertThat(refused.path("error").path("code").asString()).isEqualTo("forbidden");
      assertThat(refused.path("error").path("message").asString())
          .contains("operator role")
          .contains("viewer")
          .contains("too low");
    }
    assertThat(fx.getJson("/api/v1/agents/" + uid).path("labels").path("env").asString())
        .isEqualTo("prod");
    assertThat(fx.getJson("/api/v1/agents/" + uid + "/commands").size()).isZero();
    assertThat(fx.getJson("/api/v1/rollouts").size()).isZero();
  }

  private JsonNode ok(String name, Map<String, Object> args) {
    CallToolResult r = viewer.callTool(new CallToolRequest(name, args));
    assertThat(r.isError()).as(name + ": " + r.content()).isFalse();
    JsonNode structured = JSON.valueToTree(r.structuredContent());
    String text = ((McpSchema.TextContent) r.content().getFirst()).text();
    assertThat(JSON.readTree(text)).isNotNull();
    return structured;
  }

  private JsonNode error(String name, Map<String, Object> args) {
    CallToolResult r = viewer.callTool(new CallToolRequest(name, args));
    assertThat(r.isError()).as(name + ": " + r.content()).isTrue();
    return JSON.valueToTree(r.structuredContent());
  }

  private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
