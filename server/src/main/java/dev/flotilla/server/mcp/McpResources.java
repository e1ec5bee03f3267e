package dev.flotilla.server.mcp;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only resources: a config version ({@code flotilla://configs/{name}/versions/{n}}) and an
 * agent's effective config ({@code flotilla://agents/{uid}/effective-config}), one text content per
 * file.
 */
final class McpResources {
  static final String VERSION_TEMPLATE = "flotilla://configs/{name}/versions/{version}";
  static final String EFFECTIVE_TEMPLATE = "flotilla://agents/{uid}/effective-config";
  private static final Pattern VERSION =
      Pattern.compile("flotilla://configs/([^/]+)/versions/(\\d+)");
  private static final Pattern EFFECTIVE =
      Pattern.compile("flotilla://agents/([^/]+)/effective-config");

  private final Fleet fleet;
  private final Supplier<Deployments> deployments;

  McpResources(Fleet fleet, Supplier<Deployments> deployments) {
    this.fleet = fleet;
    this.deployments = deployments;
  }

  List<SyncResourceTemplateSpecification> templates() {
    return List.of(
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(VERSION_TEMPLATE)
                .name("config-version")
                .title("Config version")
                .description("Every file of one version of a named config.")
                .mimeType("text/plain")
                .build(),
            (exchange, request) -> read(request.uri())),
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(EFFECTIVE_TEMPLATE)
                .name("agent-effective-config")
                .title("Agent effective config")
                .description("The config files an agent reports it runs.")
                .mimeType("text/plain")
                .build(),
            (exchange, request) -> read(request.uri())));
  }

  ReadResourceResult read(String uri) {
    try {
      Matcher v = VERSION.matcher(uri);
      if (v.matches()) {
        ConfigVersion version =
            deployments.get().version(decode(v.group(1)), Integer.parseInt(v.group(2)));
        return files(uri, version.files());
      }
      Matcher e = EFFECTIVE.matcher(uri);
      if (e.matches()) {
        Agent agent = fleet.agent(decode(e.group(1)));
        return files(
            uri, agent.effectiveConfig() == null ? Map.of() : agent.effectiveConfig().files());
      }
      throw new FleetException(Kind.NOT_FOUND, "no such resource: " + uri);
    } catch (FleetException | NumberFormatException ex) {
      throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
          .message(ex.getMessage())
          .data(Map.of("uri", uri))
          .build();
    }
  }

  /** One content per file; its URI names the file in the fragment. */
  private static ReadResourceResult files(String uri, Map<String, Agent.ConfigFile> files) {
    List<ResourceContents> contents = new ArrayList<>();
    new TreeMap<>(files == null ? Map.<String, Agent.ConfigFile>of() : files)
        .forEach(
            (name, f) ->
                contents.add(
                    new TextResourceContents(
                        uri + "#" + name,
                        f.contentType() == null || f.contentType().isBlank()
                            ? "text/plain"
                            : f.contentType(),
                        f.body())));
    return new ReadResourceResult(contents);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
