package dev.flotilla.supervisor.fluentd;

import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.agent.ConfigFileSet;
import dev.flotilla.supervisor.agent.ConfigMetadata;
import dev.flotilla.supervisor.agent.DryRun;
import dev.flotilla.supervisor.agent.HostAttributes;
import dev.flotilla.supervisor.agent.MonitoringClient;
import dev.flotilla.supervisor.agent.ReloadOutcome;
import dev.flotilla.supervisor.agent.RuntimeHealth;
import dev.flotilla.supervisor.agent.Validation;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Fluentd: {@code monitor_agent} for health (one entry per plugin; an output with retries pending
 * is reported with its retry count), {@code --version}, and {@code config.gracefulReload} over the
 * RPC endpoint, which keeps the old pipeline when the new config is bad.
 */
public final class FluentdAdapter implements AgentAdapter {

  static final String SERVICE_NAME = "org.fluentd.fluentd";
  private static final Pattern VERSION = Pattern.compile("fluentd (\\S+)");
  private final Path configFile;
  private final Path executable;
  private final MonitoringClient monitoring;
  private volatile String version;

  public FluentdAdapter(Path configFile, Path executable, MonitoringClient monitoring) {
    this.configFile = configFile.toAbsolutePath().normalize();
    this.executable = executable;
    this.monitoring = monitoring;
  }

  @Override
  public Path configFile() {
    return configFile;
  }

  @Override
  public List<String> launchArgs(List<String> operatorArgs) {
    List<String> args = new ArrayList<>(operatorArgs);
    if (!args.contains("-c") && !args.contains("--config")) {
      args.add("-c");
      args.add(configFile.toString());
    }
    return args;
  }

  private FluentdConfig config() {
    return FluentdConfig.read(configFile);
  }

  @Override
  public AgentDescription description(AgentRuntime runtime) {
    Map<String, String> identifying = new LinkedHashMap<>();
    identifying.put("service.name", SERVICE_NAME);
    identifying.put("service.version", version());
    Map<String, String> nonIdentifying = new LinkedHashMap<>();
    ConfigMetadata.describe(configFile, identifying, nonIdentifying);
    return AgentDescription.newBuilder()
        .addAllIdentifyingAttributes(HostAttributes.keyValues(identifying))
        .addAllNonIdentifyingAttributes(HostAttributes.nonIdentifying())
        .addAllNonIdentifyingAttributes(HostAttributes.keyValues(nonIdentifying))
        .build();
  }

  private String version() {
    if (version != null) {
      return version;
    }
    if (executable != null) {
      Matcher m =
          VERSION.matcher(
              DryRun.run(executable, List.of("--version"), Duration.ofSeconds(30)).output());
      if (m.find()) {
        return version = m.group(1);
      }
    }
    URI base = config().monitorBase();
    if (base != null) {
      var info = monitoring.getJson(base.resolve("/api/config.json"));
      if (info.isPresent()) {
        return version = info.get().path("version").asString();
      }
    }
    return "";
  }

  @Override
  public ComponentHealth health(AgentRuntime runtime) {
    var top = RuntimeHealth.top(runtime);
    if (!runtime.isRunning()) {
      return RuntimeHealth.notRunning(runtime, top);
    }
    URI base = config().monitorBase();
    if (base == null) {
      return top.setHealthy(true).setStatus("running").build();
    }
    var plugins = monitoring.getJson(base.resolve("/api/plugins.json"));
    if (plugins.isEmpty()) {
      return top.setHealthy(false)
          .setStatus("starting")
          .setLastError("monitor_agent " + base + " is not reachable")
          .build();
    }
    top.setHealthy(true).setStatus("running");
    Map<String, ComponentHealth.Builder> groups = new LinkedHashMap<>();
    for (JsonNode plugin : plugins.get().path("plugins")) {
      String category = plugin.path("plugin_category").asString("unknown");
      var entry = ComponentHealth.newBuilder().setHealthy(true).setStatus("running");
      long retries = plugin.path("retry_count").asLong(0);
      if (retries > 0) {
        entry
            .setStatus("retrying")
            .setLastError(
                "retry_count="
                    + retries
                    + " buffer_queue_length="
                    + plugin.path("buffer_queue_length").asLong(0));
      }
      groups
          .computeIfAbsent(
              category, c -> ComponentHealth.newBuilder().setHealthy(true).setStatus("running"))
          .putComponentHealthMap(plugin.path("plugin_id").asString(), entry.build());
    }
    groups.forEach((name, group) -> top.putComponentHealthMap(name, group.build()));
    return top.build();
  }

  /** {@code fluent-gem list} output, read once: installed gems change only with a restart. */
  private volatile String gemList;

  @Override
  public java.util.Optional<dev.flotilla.opamp.proto.AvailableComponents> availableComponents() {
    URI base = config().monitorBase();
    JsonNode plugins =
        base == null
            ? tools.jackson.databind.node.MissingNode.getInstance()
            : monitoring
                .getJson(base.resolve("/api/plugins.json"))
                .map(n -> n.path("plugins"))
                .orElse(tools.jackson.databind.node.MissingNode.getInstance());
    return java.util.Optional.of(FluentdPlugins.toAvailableComponents(plugins, gems()));
  }

  private String gems() {
    if (gemList == null) {
      Path gem = executable == null ? null : executable.resolveSibling("fluent-gem");
      gemList =
          gem != null && java.nio.file.Files.isExecutable(gem)
              ? DryRun.run(gem, List.of("list", "--local", "fluent-plugin"), Duration.ofSeconds(30))
                  .output()
              : "";
    }
    return gemList;
  }

  @Override
  public EffectiveConfig effectiveConfig() {
    return ConfigFileSet.read(configFile, config().files());
  }

  @Override
  public Validation validate(Path mainFile) {
    return DryRun.validate(executable, "fluentd", mainFile, Duration.ofSeconds(120));
  }

  @Override
  public ReloadOutcome reload(AgentRuntime runtime, Duration deadline) {
    FluentdConfig config = config();
    URI rpc = config.rpcBase();
    if (rpc == null) {
      return new ReloadOutcome.NeedsRestart(
          "no rpc_endpoint in <system>, so graceful reload cannot be used");
    }
    return new GracefulReload(monitoring, rpc, config.getDumpEnabled(), runtime).run(deadline);
  }
}
