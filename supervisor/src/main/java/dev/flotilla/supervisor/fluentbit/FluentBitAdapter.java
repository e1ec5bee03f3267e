package dev.flotilla.supervisor.fluentbit;

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
import dev.flotilla.supervisor.agent.Validation;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fluent Bit: monitoring API for health, {@code -V}/{@code GET /} for version, hot reload. */
public final class FluentBitAdapter implements AgentAdapter {

  static final String SERVICE_NAME = "io.fluentbit.fluent-bit";
  private static final Pattern VERSION = Pattern.compile("Fluent Bit v(\\d+\\.\\d+\\.\\d+)");
  private final Path configFile;
  private final Path executable;
  private final List<String> agentArgs;
  private final MonitoringClient monitoring;
  private final FluentBitHealth health;
  private volatile String version;

  /**
   * @param executable the binary for {@code -V} and {@code --dry-run}; null when unknown (observer
   *     mode without one configured): then no dry run
   * @param agentArgs the arguments the agent runs with, for {@code -H}/{@code -P}/{@code -Y}
   */
  public FluentBitAdapter(
      Path configFile, Path executable, List<String> agentArgs, MonitoringClient monitoring) {
    this.configFile = configFile.toAbsolutePath().normalize();
    this.executable = executable;
    this.agentArgs = List.copyOf(agentArgs);
    this.monitoring = monitoring;
    this.health = new FluentBitHealth(monitoring);
  }

  @Override
  public Path configFile() {
    return configFile;
  }

  @Override
  public List<String> launchArgs(List<String> operatorArgs) {
    List<String> args = new ArrayList<>(operatorArgs);
    boolean hasConfig =
        args.contains("-c")
            || args.contains("--config")
            || args.stream().anyMatch(a -> a.startsWith("--config="));
    if (!hasConfig) {
      args.add("-c");
      args.add(configFile.toString());
    }
    if (!args.contains("-Y") && !args.contains("--enable-hot-reload")) {
      args.add("-Y");
    }
    return args;
  }

  private FluentBitConfig config() {
    return FluentBitConfig.read(configFile);
  }

  URI monitoringBase() {
    return config().monitoringBase(agentArgs);
  }

  @Override
  public AgentDescription description(AgentRuntime runtime) {
    var identifying = new java.util.LinkedHashMap<String, String>();
    identifying.put("service.name", SERVICE_NAME);
    identifying.put("service.version", version());
    var nonIdentifying = new java.util.LinkedHashMap<String, String>();
    ConfigMetadata.describe(configFile, identifying, nonIdentifying);
    return AgentDescription.newBuilder()
        .addAllIdentifyingAttributes(HostAttributes.keyValues(identifying))
        .addAllNonIdentifyingAttributes(HostAttributes.nonIdentifying())
        .addAllNonIdentifyingAttributes(HostAttributes.keyValues(nonIdentifying))
        .build();
  }

  String version() {
    String v = version;
    if (v != null) {
      return v;
    }
    if (executable != null) {
      Matcher m =
          VERSION.matcher(DryRun.run(executable, List.of("-V"), Duration.ofSeconds(20)).output());
      if (m.find()) {
        version = m.group(1);
        return version;
      }
    }
    URI base = monitoringBase();
    if (base != null) {
      var root = monitoring.getJson(base.resolve("/"));
      if (root.isPresent()) {
        version = root.get().path("fluent-bit").path("version").asString();
        return version;
      }
    }
    return "";
  }

  @Override
  public java.util.Optional<dev.flotilla.opamp.proto.AvailableComponents> availableComponents() {
    URI base = monitoringBase();
    if (base == null) {
      return java.util.Optional.empty();
    }
    return monitoring
        .getJson(base.resolve("/api/v1/plugins"))
        .map(n -> FluentBitPlugins.toAvailableComponents(n.path("plugins")));
  }

  @Override
  public ComponentHealth health(AgentRuntime runtime) {
    return health.read(runtime, monitoringBase());
  }

  @Override
  public EffectiveConfig effectiveConfig() {
    return ConfigFileSet.read(configFile, config().files());
  }

  @Override
  public Validation validate(Path mainFile) {
    return DryRun.validate(executable, "fluent-bit", mainFile, Duration.ofSeconds(60));
  }

  @Override
  public ReloadOutcome reload(AgentRuntime runtime, Duration deadline) {
    FluentBitConfig config = config();
    URI base = config.monitoringBase(agentArgs);
    if (base == null) {
      return new ReloadOutcome.NeedsRestart("the HTTP server is off, so hot reload cannot be used");
    }
    if (!config.flag("hot_reload", agentArgs, "-Y", "--enable-hot-reload")) {
      return new ReloadOutcome.NeedsRestart("hot reload is not enabled");
    }
    return new HotReload(monitoring, base, runtime).run(deadline);
  }
}
