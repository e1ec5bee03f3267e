package dev.flotilla.server.configs;

import com.google.protobuf.ByteString;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentConfigHistory;
import dev.flotilla.fleet.ConfigDiff;
import dev.flotilla.fleet.ConfigSummary;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.DesiredConfig;
import dev.flotilla.fleet.Drift;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.VersionCreated;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.DesiredState;
import dev.flotilla.server.agents.FleetChanges;
import dev.flotilla.server.agents.LiveFleet;
import dev.flotilla.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * Named, immutable config versions and which one each agent should run. Publishing lints first;
 * identical content is published once. An agent's desired config is its newest {@link Assignment};
 * the outcome follows what the agent reports for that hash. When an agent fails a version, the
 * server offers it its last applied version instead (or nothing), so the failed one is not offered
 * again on every reconnect.
 *
 * <p>Thread-safe. Outcomes reported by agents are queued by the fleet listener and recorded by
 * {@link #observe()}, which the rollout scheduler calls on every tick.
 */
public final class ConfigVersions implements DesiredState {
  /** Direct per-agent pushes are versions of the config {@code agent-<uid>}. */
  public static final String IMPLICIT_PREFIX = "agent-";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final int MAX_FILES = 64;

  private final ConfigStore store;
  private final LiveFleet fleet;
  private final BundleLint lint = new BundleLint();
  private final Clock clock;
  private final Map<InstanceUid, Assignment> desired = new ConcurrentHashMap<>();
  private final Map<InstanceUid, Assignment> lastApplied = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();
  private final Object publishLock = new Object();

  private record Report(InstanceUid uid, RemoteConfigStatus status) {}

  public ConfigVersions(ConfigStore store, LiveFleet fleet, Clock clock) {
    this.store = store;
    this.fleet = fleet;
    this.clock = clock;
  }

  /** Reads every agent's desired config from the store; call once before agents connect. */
  public ConfigVersions load() {
    store.latest().forEach(a -> desired.put(a.instanceUid(), a));
    store.latestApplied().forEach(a -> lastApplied.put(a.instanceUid(), a));
    return this;
  }

  // ---- versions

  public List<ConfigSummary> configs() {
    return read("listing configs", store::configs);
  }

  public List<ConfigVersion> versions(String name) {
    List<ConfigVersion> list = read("listing versions", () -> store.versions(name));
    if (list.isEmpty()) {
      throw new FleetException(Kind.NOT_FOUND, "no config named '" + name + "'");
    }
    return list;
  }

  public ConfigVersion version(String name, int version) {
    return read("reading a version", () -> store.version(name, version))
        .orElseThrow(
            () ->
                new FleetException(
                    Kind.NOT_FOUND, "config '" + name + "' has no version " + version));
  }

  /** The newest version of {@code name}. */
  public ConfigVersion latest(String name) {
    return versions(name).getFirst();
  }

  /**
   * @throws FleetException BAD_REQUEST for a bad name or bundle; UNPROCESSABLE for lint errors
   *     without {@code force}
   */
  public VersionCreated publish(String name, PublishRequest request, String actor) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "config name: 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (request == null || request.files() == null || request.files().isEmpty()) {
      throw new FleetException(Kind.BAD_REQUEST, "files: at least one config file is required");
    }
    if (request.files().size() > MAX_FILES) {
      throw new FleetException(Kind.BAD_REQUEST, "files: at most " + MAX_FILES + " files");
    }
    Map<String, Agent.ConfigFile> files = new TreeMap<>();
    request
        .files()
        .forEach(
            (file, f) -> {
              if (file == null || file.isBlank() || f == null || f.body() == null) {
                throw new FleetException(
                    Kind.BAD_REQUEST, "files." + file + ".body: required (the file's text)");
              }
              files.put(file, new Agent.ConfigFile(f.body(), f.contentType()));
            });
    String hash = ConfigHash.hex(remote(files).getConfigHash());
    synchronized (publishLock) {
      Optional<ConfigVersion> same = read("publishing", () -> store.withHash(name, hash));
      if (same.isPresent()) {
        return new VersionCreated(name, same.get().version(), hash, false);
      }
      ConfigVersion.Lint result = lint.check(files, request.force());
      if (result.errors() > 0 && !request.force()) {
        throw new FleetException(
            Kind.UNPROCESSABLE,
            "the config has "
                + result.errors()
                + " lint error(s); fix them or publish with force: "
                + String.join("; ", result.findings().stream().limit(5).toList()));
      }
      ConfigVersion stored =
          read(
              "publishing",
              () ->
                  store.insertNext(
                      new ConfigVersion(
                          name,
                          0,
                          hash,
                          files,
                          actor,
                          request.message() == null ? "" : request.message(),
                          clock.instant(),
                          request.source() == null ? "upload" : request.source(),
                          result)));
      audit(
          actor,
          "config.publish",
          stored.name() + "@" + stored.version(),
          "hash "
              + hash
              + (result.forced() && result.errors() > 0
                  ? ", forced past " + result.errors() + " lint error(s)"
                  : ""));
      return new VersionCreated(name, stored.version(), hash, true);
    }
  }

  public ConfigDiff diff(String name, int from, int to) {
    ConfigVersion a = version(name, from);
    ConfigVersion b = version(name, to);
    TreeSet<String> names = new TreeSet<>(a.files().keySet());
    names.addAll(b.files().keySet());
    List<ConfigDiff.FileDiff> out = new ArrayList<>();
    for (String file : names) {
      Agent.ConfigFile fa = a.files().get(file);
      Agent.ConfigFile fb = b.files().get(file);
      String textA = fa == null ? null : fa.body();
      String textB = fb == null ? null : fb.body();
      String change =
          fa == null
              ? "added"
              : fb == null ? "removed" : textA.equals(textB) ? "unchanged" : "modified";
      out.add(new ConfigDiff.FileDiff(file, change, UnifiedDiff.of(file, textA, textB)));
    }
    return new ConfigDiff(name, from, to, out);
  }

  // ---- desired state

  public List<AgentConfigHistory> history(String instanceUid) {
    InstanceUid uid = parse(instanceUid);
    if (fleet.record(uid) == null) {
      throw FleetException.notFound(instanceUid);
    }
    return read("reading the config history", () -> store.history(uid, 200)).stream()
        .map(Assignment::view)
        .toList();
  }

  /** The agent's newest assignment, or null. */
  public Assignment assignment(InstanceUid uid) {
    return desired.get(uid);
  }

  /** The newest assignment the agent applied, or null. */
  public Assignment lastApplied(InstanceUid uid) {
    return lastApplied.get(uid);
  }

  /**
   * Makes {@code version} the agent's desired config and offers it.
   *
   * @param rolloutId the rollout doing it, or null for a direct assignment
   */
  public Assignment assign(InstanceUid uid, ConfigVersion version, String rolloutId, String actor) {
    AgentRecord record = fleet.record(uid);
    if (record == null) {
      throw FleetException.notFound(uid.toString());
    }
    Assignment a = record(uid, version, rolloutId, actor);
    fleet.offer(
        uid,
        remote(version.files()),
        "config "
            + version.name()
            + "@"
            + version.version()
            + " offered"
            + (rolloutId == null ? "" : " by rollout " + rolloutId)
            + " (by "
            + actor
            + ")");
    return a;
  }

  private synchronized Assignment record(
      InstanceUid uid, ConfigVersion version, String rolloutId, String actor) {
    Instant now = clock.instant();
    Assignment before = desired.get(uid);
    if (before != null && before.outcome().equals(Assignment.PENDING)) {
      Assignment replaced = before.withOutcome(Assignment.REPLACED, null, now);
      write("recording the replaced config", () -> store.updateOutcome(replaced));
    }
    Assignment a =
        read(
            "recording the desired config",
            () ->
                store.insert(
                    new Assignment(
                        0,
                        uid,
                        version.name(),
                        version.version(),
                        version.hash(),
                        rolloutId,
                        actor,
                        now,
                        Assignment.PENDING,
                        null,
                        null)));
    desired.put(uid, a);
    return a;
  }

  /** Marks the agent's pending assignment as timed out (a rollout gave up waiting). */
  public synchronized void timedOut(InstanceUid uid, String hash, String message) {
    Assignment a = desired.get(uid);
    if (a != null && a.hash().equals(hash) && a.outcome().equals(Assignment.PENDING)) {
      Assignment t = a.withOutcome(Assignment.TIMED_OUT, message, clock.instant());
      write("recording a timeout", () -> store.updateOutcome(t));
      desired.put(uid, t);
    }
  }

  @Override
  public DesiredConfig desired(InstanceUid uid) {
    Assignment a = desired.get(uid);
    return a == null ? null : new DesiredConfig(a.name(), a.version(), a.hash());
  }

  @Override
  public Drift drift(AgentRecord record) {
    Assignment a = desired.get(record.instanceUid());
    return a == null ? Drift.NONE : Drifts.of(record, a);
  }

  @Override
  public void directPush(InstanceUid uid, AgentRemoteConfig config, boolean force, String actor) {
    Map<String, Agent.ConfigFile> files = new TreeMap<>();
    config
        .getConfig()
        .getConfigMapMap()
        .forEach(
            (name, f) ->
                files.put(
                    name,
                    new Agent.ConfigFile(
                        f.getBody().toString(StandardCharsets.UTF_8), f.getContentType())));
    String name = IMPLICIT_PREFIX + uid;
    VersionCreated v =
        publish(name, new PublishRequest(files, "direct push", force, "agent-push"), actor);
    record(uid, version(name, v.version()), null, actor);
  }

  // ---- outcomes reported by agents

  /** Queues what agents report about their remote config; never blocks. */
  public FleetChanges listener() {
    return new FleetChanges() {
      @Override
      public void agentChanged(AgentRecord snapshot) {
        Assignment a = desired.get(snapshot.instanceUid());
        RemoteConfigStatus st = snapshot.remoteConfigStatus();
        if (a != null
            && a.outcome().equals(Assignment.PENDING)
            && (st.getStatus() == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED
                || st.getStatus() == RemoteConfigStatuses.RemoteConfigStatuses_FAILED)
            && ConfigHash.hex(st.getLastRemoteConfigHash()).equals(a.hash())) {
          reports.add(new Report(snapshot.instanceUid(), st));
        }
      }

      @Override
      public void event(AgentEvent event) {}

      @Override
      public void agentDeleted(InstanceUid uid) {
        desired.remove(uid);
        lastApplied.remove(uid);
      }

      @Override
      public void agentRenamed(InstanceUid from, InstanceUid to) {
        Assignment a = desired.remove(from);
        if (a != null) {
          desired.put(to, a);
        }
      }
    };
  }

  /**
   * Records the outcomes agents reported since the last call, and those of pending assignments the
   * agent already runs. A failed version is replaced in the offer by the last applied one.
   */
  public void observe() {
    for (Report r; (r = reports.poll()) != null; ) {
      outcome(r.uid(), r.status());
    }
    for (Assignment a : List.copyOf(desired.values())) {
      if (a.outcome().equals(Assignment.PENDING)) {
        AgentRecord record = fleet.record(a.instanceUid());
        if (record != null
            && record.remoteConfigStatus().getStatus()
                == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED
            && ConfigHash.hex(record.remoteConfigStatus().getLastRemoteConfigHash())
                .equals(a.hash())) {
          outcome(a.instanceUid(), record.remoteConfigStatus());
        }
      }
    }
  }

  private void outcome(InstanceUid uid, RemoteConfigStatus st) {
    Assignment failed = null;
    synchronized (this) {
      Assignment a = desired.get(uid);
      if (a == null
          || !a.outcome().equals(Assignment.PENDING)
          || !ConfigHash.hex(st.getLastRemoteConfigHash()).equals(a.hash())) {
        return;
      }
      Instant now = clock.instant();
      Assignment done =
          st.getStatus() == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED
              ? a.withOutcome(Assignment.APPLIED, null, now)
              : a.withOutcome(Assignment.FAILED, st.getErrorMessage(), now);
      write("recording a config outcome", () -> store.updateOutcome(done));
      desired.put(uid, done);
      if (done.outcome().equals(Assignment.APPLIED)) {
        lastApplied.put(uid, done);
      } else {
        failed = done;
      }
    }
    if (failed != null) {
      offerLastGood(uid, failed);
    }
  }

  /** After a failure: offer what the agent last applied, so the failed version is not retried. */
  private void offerLastGood(InstanceUid uid, Assignment failed) {
    Assignment good = lastApplied.get(uid);
    AgentRemoteConfig offer = AgentRemoteConfig.getDefaultInstance();
    String text = "config " + failed.label() + " failed; offering nothing instead";
    if (good != null && !good.hash().equals(failed.hash())) {
      Optional<ConfigVersion> v = store.version(good.name(), good.version());
      if (v.isPresent()) {
        offer = remote(v.get().files());
        text = "config " + failed.label() + " failed; offering " + good.label() + " again";
      }
    }
    try {
      fleet.offer(uid, offer, text);
    } catch (FleetException e) {
      // the agent was forgotten meanwhile: nothing to offer
    }
  }

  // ---- audit

  public void audit(String actor, String action, String target, String detail) {
    write(
        "writing the audit trail",
        () -> store.audit(clock.instant(), actor, action, target, detail));
  }

  public List<ConfigStore.AuditEvent> auditEvents(int limit) {
    return read("reading the audit trail", () -> store.auditEvents(limit));
  }

  // ---- helpers

  /** The OpAMP offer for a bundle; its hash is what the agent reports back. */
  public static AgentRemoteConfig remote(Map<String, Agent.ConfigFile> files) {
    AgentConfigMap.Builder map = AgentConfigMap.newBuilder();
    files.forEach(
        (name, f) ->
            map.putConfigMap(
                name,
                AgentConfigFile.newBuilder()
                    .setBody(ByteString.copyFromUtf8(f.body()))
                    .setContentType(f.contentType() == null ? "" : f.contentType())
                    .build()));
    AgentConfigMap config = map.build();
    return AgentRemoteConfig.newBuilder()
        .setConfig(config)
        .setConfigHash(ConfigHash.of(config))
        .build();
  }

  static InstanceUid parse(String instanceUid) {
    try {
      return InstanceUid.parse(instanceUid);
    } catch (IllegalArgumentException e) {
      throw new FleetException(Kind.BAD_REQUEST, "not an instance uid: '" + instanceUid + "'");
    }
  }

  private static <T> T read(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (StoreException e) {
      throw new FleetException(Kind.UNAVAILABLE, what + ": " + e.getMessage(), e);
    }
  }

  private static void write(String what, Runnable call) {
    read(
        what,
        () -> {
          call.run();
          return null;
        });
  }
}
