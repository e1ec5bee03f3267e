package dev.flotilla.server.mcp;

import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.Selectors;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/** Prompts that start a task with the fleet's current facts already in the message. */
final class McpPrompts {
  private final Fleet fleet;
  private final Supplier<Deployments> deployments;
  private final JsonMapper json;

  McpPrompts(Fleet fleet, Supplier<Deployments> deployments, JsonMapper json) {
    this.fleet = fleet;
    this.deployments = deployments;
    this.json = json;
  }

  List<SyncPromptSpecification> prompts() {
    return List.of(
        new SyncPromptSpecification(
            new McpSchema.Prompt(
                "diagnose_unhealthy_agents",
                "Diagnose unhealthy agents",
                "Find the unhealthy or disconnected agents and explain why, from their health,"
                    + " events and config status.",
                List.of(
                    new PromptArgument(
                        "selector",
                        "Only agents with these labels or attributes, as key=value[,key=value].",
                        false))),
            (exchange, request) -> diagnose(text(request.arguments(), "selector"))),
        new SyncPromptSpecification(
            new McpSchema.Prompt(
                "review_config_before_rollout",
                "Review a config before rollout",
                "Review one config version (lint findings, changes against the previous version)"
                    + " before it is rolled out.",
                List.of(
                    new PromptArgument("config", "The config's name.", true),
                    new PromptArgument(
                        "version", "The version; the newest when left out.", false))),
            (exchange, request) ->
                review(text(request.arguments(), "config"), text(request.arguments(), "version"))));
  }

  GetPromptResult diagnose(String selectorText) {
    Map<String, String> selector = Selectors.parse(selectorText);
    var unhealthy =
        fleet.agents(new AgentQuery(null, false, selector, null, null, 0, 50)).items().stream()
            .map(AgentTools::row)
            .toList();
    var disconnected =
        fleet.agents(new AgentQuery(false, null, selector, null, null, 0, 50)).items().stream()
            .map(AgentTools::row)
            .toList();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("summary", fleet.summary());
    facts.put("unhealthy", unhealthy);
    facts.put("disconnected", disconnected);
    String text =
        "Diagnose the unhealthy and disconnected Flotilla agents"
            + (selector.isEmpty() ? "" : " matching " + selector)
            + ". For each, use get_agent (health tree, config status, drift) and get_agent_events"
            + " (recent history) to find the cause; group agents with the same cause. Say what"
            + " you would do about each group, but do not call a tool that changes anything"
            + " unless the user asks.\n\nCurrent facts:\n"
            + json.writeValueAsString(facts);
    return new GetPromptResult(
        "Diagnose unhealthy agents",
        List.of(new PromptMessage(McpSchema.Role.USER, new TextContent(text))));
  }

  GetPromptResult review(String config, String versionText) {
    if (config == null || config.isBlank()) {
      throw new FleetException(Kind.BAD_REQUEST, "config: required");
    }
    Deployments d = deployments.get();
    List<ConfigVersion> versions = d.versions(config);
    if (versions.isEmpty()) {
      throw new FleetException(Kind.NOT_FOUND, "config " + config + " has no versions");
    }
    ConfigVersion v =
        versionText == null || versionText.isBlank()
            ? versions.getFirst()
            : d.version(config, parse(versionText));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("config", v.name());
    facts.put("version", v.version());
    facts.put("hash", v.hash());
    facts.put("author", v.author());
    facts.put("message", v.message());
    facts.put("lint", v.lint());
    facts.put("files", v.files());
    if (v.version() > 1) {
      facts.put("diffFromPrevious", d.diff(config, v.version() - 1, v.version()).unified());
    }
    String text =
        "Review this Flotilla config version before it is rolled out. Check the lint findings,"
            + " read the change against the previous version, and look for risks: outputs that"
            + " change destination, dropped inputs or filters, buffer and retry settings,"
            + " secrets in plain text. Then suggest a rollout strategy (canary, batch size, max"
            + " failures). start_rollout without confirm shows which agents it would reach.\n\n"
            + json.writeValueAsString(facts);
    return new GetPromptResult(
        "Review " + v.name() + "@" + v.version(),
        List.of(new PromptMessage(McpSchema.Role.USER, new TextContent(text))));
  }

  private static String text(Map<String, Object> args, String name) {
    Object v = args == null ? null : args.get(name);
    return v == null ? null : v.toString();
  }

  private static int parse(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new FleetException(Kind.BAD_REQUEST, "version: a whole number, not '" + text + "'");
    }
  }
}
