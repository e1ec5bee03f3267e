package dev.flotilla.supervisor.remoteconfig;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.agent.ConfigFileSet;
import dev.flotilla.supervisor.agent.ReloadOutcome;
import dev.flotilla.supervisor.agent.Validation;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link AgentRemoteConfig} safely: allow-list, schema check, the agent's own dry run on
 * a staged copy, backup, atomic write, reload (or restart), health gate. Reports APPLYING, then
 * APPLIED only once the agent runs the new config healthily, or FAILED with the agent's own error
 * text after the previous files are back and the agent runs on them. Not thread-safe: the caller
 * runs one apply at a time, on the thread that also restarts the agent.
 */
public final class RemoteConfigApplier {

  /** How long each stage may take. */
  public record Timeouts(Duration reload, Duration health, Duration settle) {}

  private static final Logger LOG = LoggerFactory.getLogger(RemoteConfigApplier.class);
  private final AgentAdapter adapter;
  private final AgentRuntime runtime;
  private final AllowList allowList;
  private final SchemaCheck schemaCheck;
  private final SupervisorState state;
  private final Path stagingDir;
  private final Timeouts timeouts;
  private final Consumer<RemoteConfigStatus> statusSink;
  private final HealthGate healthGate;

  public RemoteConfigApplier(
      AgentAdapter adapter,
      AgentRuntime runtime,
      AllowList allowList,
      SchemaCheck schemaCheck,
      SupervisorState state,
      Path stateDir,
      Timeouts timeouts,
      Consumer<RemoteConfigStatus> statusSink) {
    this.adapter = adapter;
    this.runtime = runtime;
    this.allowList = allowList;
    this.schemaCheck = schemaCheck;
    this.state = state;
    this.stagingDir = stateDir.resolve("staging");
    this.timeouts = timeouts;
    this.statusSink = statusSink;
    this.healthGate = new HealthGate(adapter, timeouts.settle());
  }

  /** The last reported status (persisted), or UNSET. */
  public RemoteConfigStatus currentStatus() {
    return state.remoteConfigStatus().orElse(RemoteConfigStatus.getDefaultInstance());
  }

  public void apply(AgentRemoteConfig offer) {
    ByteString hash = offer.getConfigHash();
    RemoteConfigStatus previous = currentStatus();
    if (!hash.isEmpty()
        && hash.equals(previous.getLastRemoteConfigHash())
        && previous.getStatus() != RemoteConfigStatuses.RemoteConfigStatuses_APPLYING) {
      LOG.info(
          "remote config {} was already {}; not applying it again",
          hex(hash),
          previous.getStatus());
      return;
    }
    report(hash, RemoteConfigStatuses.RemoteConfigStatuses_APPLYING, "");
    String failure;
    try {
      failure = tryApply(offer.getConfig());
    } catch (IOException | RuntimeException e) {
      LOG.error("applying remote config failed", e);
      failure = "applying failed: " + e.getMessage();
    }
    if (failure == null) {
      state.saveLastKnownGood(adapter.effectiveConfig().getConfigMap());
      report(hash, RemoteConfigStatuses.RemoteConfigStatuses_APPLIED, "");
    } else {
      LOG.warn("remote config {} FAILED: {}", hex(hash), failure);
      report(hash, RemoteConfigStatuses.RemoteConfigStatuses_FAILED, failure);
    }
  }

  /** Returns null on success, else the reason for FAILED (with the old config back in place). */
  private String tryApply(AgentConfigMap config) throws IOException {
    if (config.getConfigMapCount() == 0) {
      return "the remote config has no files";
    }
    Map<String, byte[]> offered = new LinkedHashMap<>();
    config.getConfigMapMap().forEach((k, v) -> offered.put(k, v.getBody().toByteArray()));
    Set<String> known = adapter.effectiveConfig().getConfigMap().getConfigMapMap().keySet();
    Map<Path, byte[]> files;
    switch (RemoteFileNames.map(adapter.configFile(), known, allowList, offered)) {
      case RemoteFileNames.Refused r -> {
        return r.reason();
      }
      case RemoteFileNames.Targets t -> files = t.files();
    }
    Path staged = stage(files);
    String stagedDir = stagingDir.toString();
    String liveDir = adapter.configFile().getParent().toString();
    Validation schema = schemaCheck.check(staged);
    if (!schema.valid()) {
      return "schema check failed: " + schema.message().replace(stagedDir, liveDir);
    }
    Validation dryRun = adapter.validate(staged);
    if (!dryRun.valid()) {
      return dryRun.message().replace(stagedDir, liveDir);
    }
    Map<Path, Optional<byte[]>> backup = ConfigWriter.snapshot(files.keySet());
    ConfigWriter.writeAll(files);
    ReloadOutcome outcome = adapter.reload(runtime, timeouts.reload());
    LOG.info("reload outcome: {}", outcome);
    String failure =
        switch (outcome) {
          case ReloadOutcome.Reloaded r -> healthGate.await(runtime, timeouts.health());
          case ReloadOutcome.Halted h -> h.reason();
          case ReloadOutcome.Died d -> d.reason();
          case ReloadOutcome.Hung h -> restartAndAwait(h.reason());
          case ReloadOutcome.NeedsRestart n -> restartAndAwait(n.reason());
        };
    if (failure == null) {
      return null;
    }
    ConfigWriter.restore(backup);
    if (!(outcome instanceof ReloadOutcome.Halted)) {
      // The agent runs the bad config, died, or hung: put it back on the old files.
      runtime.restart("restoring the last known good config");
    }
    return failure;
  }

  private String restartAndAwait(String why) throws IOException {
    runtime.restart(why);
    String failure = healthGate.await(runtime, timeouts.health());
    if (failure == null) {
      return null;
    }
    String tail =
        runtime
            .log()
            .map(l -> String.join("\n", l.lastLines(5)))
            .filter(s -> !s.isBlank())
            .orElse("");
    String exit =
        runtime.lastExitCode().isPresent() && !runtime.isRunning()
            ? " (exit status " + runtime.lastExitCode().getAsInt() + ")"
            : "";
    return failure + exit + (tail.isEmpty() ? "" : "\nagent log:\n" + tail);
  }

  /**
   * Copies the agent's current files and the candidates into a staging folder with the same layout,
   * so the dry run sees includes exactly as the agent will. Returns the staged main file.
   */
  private Path stage(Map<Path, byte[]> files) throws IOException {
    deleteTree(stagingDir);
    Path main = adapter.configFile();
    Map<String, byte[]> staged = new LinkedHashMap<>();
    adapter
        .effectiveConfig()
        .getConfigMap()
        .getConfigMapMap()
        .forEach((k, v) -> staged.put(k, v.getBody().toByteArray()));
    files.forEach((path, body) -> staged.put(ConfigFileSet.key(main, path), body));
    for (var e : staged.entrySet()) {
      if (!Path.of(e.getKey()).isAbsolute()) {
        ConfigWriter.write(stagingDir.resolve(e.getKey()), e.getValue());
      }
    }
    return stagingDir.resolve(ConfigFileSet.key(main, main));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void report(ByteString hash, RemoteConfigStatuses status, String error) {
    RemoteConfigStatus s =
        RemoteConfigStatus.newBuilder()
            .setLastRemoteConfigHash(hash)
            .setStatus(status)
            .setErrorMessage(error)
            .build();
    state.saveRemoteConfigStatus(s);
    statusSink.accept(s);
  }

  private static String hex(ByteString hash) {
    return dev.flotilla.opamp.ConfigHash.hex(hash);
  }
}
