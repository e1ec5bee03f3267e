package dev.flotilla.server.mcp;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.server.config.Role;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link Tool}s into the SDK's tool specifications and is the one place every call passes:
 * the role check, the confirmation gate of destructive tools, and the mapping of failures to tool
 * errors ({@code isError}) with the same codes as the REST API.
 */
final class ToolRunner {
  private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

  private final Confirmations confirmations;
  private final JsonMapper json;

  ToolRunner(Confirmations confirmations, JsonMapper json) {
    this.confirmations = confirmations;
    this.json = json;
  }

  SyncToolSpecification specification(Tool tool) {
    return SyncToolSpecification.builder()
        .tool(definition(tool))
        .callHandler((exchange, request) -> call(tool, exchange, request))
        .build();
  }

  static McpSchema.Tool definition(Tool tool) {
    Map<String, Object> schema = tool.schema();
    if (tool.effect() == Tool.Effect.DESTRUCTIVE) {
      schema = withConfirm(schema);
    }
    String needs =
        tool.role() == Role.VIEWER
            ? ""
            : " Needs the "
                + name(tool.role())
                + " role."
                + (tool.effect() == Tool.Effect.DESTRUCTIVE
                    ? " The first call only returns a plan and a confirmation id; call again with"
                        + " the same arguments plus confirm to act."
                    : "");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("flotilla/role", name(tool.role()));
    meta.put("flotilla/confirmation", tool.effect() == Tool.Effect.DESTRUCTIVE);
    return McpSchema.Tool.builder()
        .name(tool.name())
        .title(tool.title())
        .description(tool.description() + needs)
        .inputSchema(schema)
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(tool.title())
                .readOnlyHint(tool.effect() == Tool.Effect.READ)
                .destructiveHint(tool.effect() == Tool.Effect.DESTRUCTIVE)
                .idempotentHint(tool.idempotent())
                .openWorldHint(false)
                .build())
        .meta(meta)
        .build();
  }

  private CallToolResult call(Tool tool, McpSyncServerExchange exchange, CallToolRequest request) {
    Caller caller = caller(exchange);
    Args args = new Args(request.arguments());
    try {
      if (caller == null) {
        return error("unauthorized", "no authenticated caller on this request");
      }
      if (!caller.role().allows(tool.role())) {
        return error(
            "forbidden",
            tool.name()
                + " needs the "
                + name(tool.role())
                + " role; this token's role ("
                + name(caller.role())
                + ") is too low");
      }
      if (tool.effect() != Tool.Effect.DESTRUCTIVE) {
        return ok(tool.action().run(args, caller));
      }
      String id = args.confirmation();
      if (id == null || id.isBlank()) {
        Object plan = tool.plan().run(args, caller);
        Confirmations.Ticket ticket = confirmations.issue(caller, tool.name(), args.canonical());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "confirmation_required");
        out.put("tool", tool.name());
        out.put("plan", plan);
        out.put("confirm", ticket.id());
        out.put("expiresAt", ticket.expiresAt().toString());
        out.put(
            "next",
            "Nothing has changed yet. Show this plan to the user; if they agree, call "
                + tool.name()
                + " again with the same arguments and confirm: \""
                + ticket.id()
                + "\".");
        return ok(out);
      }
      Optional<String> refused = confirmations.redeem(caller, tool.name(), args.canonical(), id);
      if (refused.isPresent()) {
        return error("confirmation_refused", refused.get());
      }
      return ok(tool.action().run(args, caller));
    } catch (FleetException e) {
      return error(e.kind().code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("MCP tool {} failed", tool.name(), e);
      return error("internal", "internal error: " + e.getMessage());
    }
  }

  private CallToolResult ok(Object value) {
    Object structured = structured(value);
    return CallToolResult.builder()
        .addTextContent(json.writeValueAsString(value))
        .structuredContent(structured)
        .isError(false)
        .build();
  }

  /** Structured content must be an object: a list comes wrapped as {@code {"items": […]}}. */
  private Object structured(Object value) {
    Object tree = json.convertValue(value, Object.class);
    return tree instanceof Map ? tree : Map.of("items", tree == null ? List.of() : tree);
  }

  private CallToolResult error(String code, String message) {
    Map<String, Object> body = Map.of("error", Map.of("code", code, "message", message));
    return CallToolResult.builder()
        .addTextContent(message)
        .structuredContent(body)
        .isError(true)
        .build();
  }

  static Caller caller(McpSyncServerExchange exchange) {
    Object c = exchange.transportContext().get(McpGate.CALLER);
    return c instanceof Caller caller ? caller : null;
  }

  private static Map<String, Object> withConfirm(Map<String, Object> schema) {
    Map<String, Object> s = new LinkedHashMap<>(schema);
    @SuppressWarnings("unchecked")
    Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) s.get("properties"));
    props.put(
        Args.CONFIRM,
        Map.of(
            "type",
            "string",
            "description",
            "The confirmation id a first call returned with its plan; leave out to get a plan."));
    s.put("properties", props);
    return s;
  }

  private static String name(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
