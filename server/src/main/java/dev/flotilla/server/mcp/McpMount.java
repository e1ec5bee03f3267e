package dev.flotilla.server.mcp;

import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.configs.ConfigVersions;
import dev.flotilla.server.rollout.RolloutEngine;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP endpoint on the API listener: Streamable HTTP at {@value #PATH}, built on the MCP Java
 * SDK, behind {@link McpGate} (Origin, Host and the API's bearer tokens). Tools work on the same
 * {@link Fleet} and config/rollout objects as the REST API; destructive ones go through the
 * confirmation gate. With OIDC configured, OAuth protected resource metadata is served at {@value
 * #RESOURCE_METADATA}.
 */
public final class McpMount {
  public static final String PATH = "/mcp";
  public static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

  private static final String INSTRUCTIONS =
      "Flotilla manages a fleet of Fluent Bit and Fluentd agents over OpAMP. Read tools are safe."
          + " Tools marked destructive (restart_agent, block_agent, set_labels, start_rollout,"
          + " abort_rollout, rollback_rollout) never act on the first call: it returns a plan and"
          + " a confirmation id. Show the plan to the user and call again with the same arguments"
          + " plus confirm only when they agree. Ids expire after 5 minutes.";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final McpGate gate;
  private final ServerConfig.Oidc oidc;
  private final JsonMapper json;

  /**
   * @param fleet the server's live fleet
   * @param versions config versions and the audit trail
   * @param oidc the OIDC settings, null when JWTs are not accepted
   */
  public McpMount(
      Fleet fleet,
      ConfigVersions versions,
      RolloutEngine rollouts,
      Authenticator auth,
      ServerConfig.Oidc oidc,
      JsonMapper json,
      Clock clock,
      String serverVersion) {
    this.oidc = oidc;
    this.json = json;
    this.gate = new McpGate(auth, oidc == null ? null : RESOURCE_METADATA + PATH);
    this.transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .mcpEndpoint(PATH)
            .contextExtractor(
                request -> {
                  Object caller = request.getAttribute(McpGate.CALLER);
                  return caller == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(McpGate.CALLER, caller));
                })
            .build();
    Function<String, Deployments> deployments =
        actor -> new LocalDeployments(versions, rollouts, fleet, actor);
    Audit audit = versions::audit;
    List<Tool> tools = new ArrayList<>();
    tools.addAll(new AgentTools(fleet, audit).tools());
    tools.addAll(new TextTools().tools());
    tools.addAll(new DeployTools(deployments, fleet).tools());
    ToolRunner runner = new ToolRunner(new Confirmations(clock), json);
    this.server =
        McpServer.sync(transport)
            .serverInfo("flotilla", serverVersion)
            .instructions(INSTRUCTIONS)
            .capabilities(
                ServerCapabilities.builder()
                    .tools(false)
                    .resources(false, false)
                    .prompts(false)
                    .logging()
                    .build())
            .tools(tools.stream().map(runner::specification).toList())
            .resourceTemplates(
                new McpResources(fleet, () -> deployments.apply("reader")).templates())
            .prompts(new McpPrompts(fleet, () -> deployments.apply("reader"), json).prompts())
            .build();
  }

  /** Mounts the servlet (behind the gate) and, with OIDC, the resource metadata. */
  public void configure(JavalinConfig cfg) {
    cfg.jetty.modifyServletContextHandler(
        h -> {
          FilterHolder filter = new FilterHolder(gate);
          filter.setAsyncSupported(true);
          h.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST));
          ServletHolder servlet = new ServletHolder(transport);
          servlet.setAsyncSupported(true);
          h.addServlet(servlet, PATH);
        });
    if (oidc != null) {
      cfg.routes.get(RESOURCE_METADATA, this::metadata);
      cfg.routes.get(RESOURCE_METADATA + PATH, this::metadata);
    }
  }

  /** Closes every MCP session. */
  public void close() {
    server.closeGracefully();
  }

  private void metadata(io.javalin.http.Context ctx) {
    String base = ctx.scheme() + "://" + ctx.host();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", base + PATH);
    if (oidc.issuer() != null) {
      m.put("authorization_servers", List.of(oidc.issuer()));
    }
    m.put("bearer_methods_supported", List.of("header"));
    m.put("resource_name", "Flotilla MCP");
    ctx.contentType("application/json").result(json.writeValueAsString(m));
  }
}
