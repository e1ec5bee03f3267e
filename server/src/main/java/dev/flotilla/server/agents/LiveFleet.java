package dev.flotilla.server.agents;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRestartCommand;

import com.google.protobuf.ByteString;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentEventView;
import dev.flotilla.fleet.AgentPage;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.CommandView;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.FleetSummary;
import dev.flotilla.fleet.RemoteConfigRequest;
import dev.flotilla.fleet.ServerSettings;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.server.commands.CommandQueue;
import dev.flotilla.server.commands.QueuedCommand;
import dev.flotilla.server.config.RuntimeSettings;
import dev.flotilla.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The server's {@link Fleet}: reads the in-memory fleet; operator changes are written to the store
 * before they take effect, so an accepted change is never lost.
 */
public final class LiveFleet implements Fleet {
  private static final int MAX_LABELS = 64;

  private final Agents agents;
  private final Approvals approvals;
  private final RuntimeSettings settings;
  private final CommandQueue commands;
  private final EventStore events;
  private final StoreWriter writer;
  private final Consumer<InstanceUid> offerNow;
  private final Clock clock;
  private volatile DesiredState desiredState = DesiredState.NONE;

  /**
   * @param writer the batching writer; operator changes go through its synchronous calls so that no
   *     batch in flight can overwrite them
   * @param offerNow pushes pending offers and commands to a connected WebSocket agent
   */
  public LiveFleet(
      Agents agents,
      Approvals approvals,
      RuntimeSettings settings,
      CommandQueue commands,
      EventStore events,
      StoreWriter writer,
      Consumer<InstanceUid> offerNow,
      Clock clock) {
    this.agents = agents;
    this.approvals = approvals;
    this.settings = settings;
    this.commands = commands;
    this.events = events;
    this.writer = writer;
    this.offerNow = offerNow;
    this.clock = clock;
  }

  /**
   * Where desired versions and drift come from; set once while the server is wired, before the
   * listeners start.
   */
  public void desiredState(DesiredState state) {
    this.desiredState = state;
  }

  @Override
  public AgentPage agents(AgentQuery query) {
    var order = AgentFilter.order(query.sort());
    List<AgentFilter.Sortable> matching =
        agents.snapshot().stream()
            .filter(r -> AgentFilter.matches(r, query, approvals.state(r.instanceUid())))
            .filter(r -> query.drift() == null || desiredState.drift(r).drifted() == query.drift())
            .map(AgentFilter.Sortable::of)
            .sorted(order)
            .toList();
    int from = Math.min(query.offset(), matching.size());
    int to = Math.min(from + query.limit(), matching.size());
    List<Agent> page = matching.subList(from, to).stream().map(s -> view(s.record())).toList();
    return new AgentPage(page, matching.size(), query.offset(), query.limit());
  }

  @Override
  public FleetSummary summary() {
    return Summaries.of(agents.snapshot(), approvals.pendingCount());
  }

  @Override
  public Agent agent(String instanceUid) {
    AgentEntry entry = entry(instanceUid);
    synchronized (entry) {
      return view(entry.record());
    }
  }

  /** The API view of a record, with its approval state. */
  public Agent view(AgentRecord record) {
    DesiredState d = desiredState;
    return AgentViews.of(
        record,
        approvals.state(record.instanceUid()),
        d.desired(record.instanceUid()),
        d.drift(record));
  }

  @Override
  public Agent approve(String instanceUid) {
    return decide(instanceUid, Approvals.APPROVED);
  }

  @Override
  public Agent block(String instanceUid) {
    Agent agent = decide(instanceUid, Approvals.BLOCKED);
    AgentEntry entry = entry(instanceUid);
    synchronized (entry) {
      if (entry.link() != null) {
        entry.link().close(1008, "blocked by an operator");
      }
    }
    return agent;
  }

  private Agent decide(String instanceUid, String state) {
    InstanceUid uid = parse(instanceUid);
    AgentEntry entry = entry(instanceUid);
    String before = approvals.state(uid);
    List<AgentEvent> recorded =
        before.equals(state)
            ? List.of()
            : List.of(
                AgentEvent.of(
                    uid,
                    clock.instant(),
                    AgentEvent.APPROVAL_CHANGED,
                    "agent " + state + " (was " + before + ")",
                    Map.of("before", before, "after", state)));
    try {
      // the decision and its event in one transaction: a crash keeps both or neither
      approvals.decide(uid, state, recorded).forEach(agents::event);
    } catch (StoreException e) {
      throw unavailable("cannot record the decision", e);
    }
    synchronized (entry) {
      // Announce the change to live views; offers follow below for a newly approved agent.
      agents.update(entry, r -> r, true);
    }
    if (Approvals.APPROVED.equals(state)) {
      offerNow.accept(uid);
    }
    return agent(instanceUid);
  }

  @Override
  public String issueNewInstanceUid(String instanceUid) {
    AgentEntry entry = entry(instanceUid);
    InstanceUid fresh = InstanceUid.newV7(clock);
    synchronized (entry) {
      entry.pendingNewUid = fresh;
    }
    offerNow.accept(parse(instanceUid));
    return fresh.toString();
  }

  @Override
  public ServerSettings settings() {
    return settings.current();
  }

  @Override
  public ServerSettings updateSettings(ServerSettings changes) {
    if (changes == null) {
      throw new FleetException(
          Kind.BAD_REQUEST, "a JSON body with the settings to change is required");
    }
    return settings.update(changes);
  }

  @Override
  public Agent setLabels(String instanceUid, Map<String, String> labels) {
    if (labels == null) {
      throw new FleetException(Kind.BAD_REQUEST, "labels: expected a JSON object of strings");
    }
    if (labels.size() > MAX_LABELS) {
      throw new FleetException(Kind.BAD_REQUEST, "labels: at most " + MAX_LABELS + " labels");
    }
    labels.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || k.length() > 128 || v == null || v.length() > 256) {
            throw new FleetException(
                Kind.BAD_REQUEST,
                "labels: keys must be 1-128 characters and values at most 256 (bad key '"
                    + k
                    + "')");
          }
        });
    AgentEntry entry = entry(instanceUid);
    synchronized (entry) {
      Map<String, String> before = entry.record().labels();
      AgentRecord after =
          writeThrough(
              entry,
              r -> r.toBuilder().labels(new TreeMap<>(labels)).build(),
              AgentEvent.of(
                  entry.record().instanceUid(),
                  clock.instant(),
                  AgentEvent.LABELS_CHANGED,
                  "labels changed",
                  Map.of("before", before.toString(), "after", new TreeMap<>(labels).toString())));
      return view(after);
    }
  }

  @Override
  public void forget(String instanceUid) {
    InstanceUid uid = parse(instanceUid);
    AgentEntry entry = entry(instanceUid);
    try {
      writer.deleteNow(uid);
    } catch (StoreException e) {
      throw unavailable("cannot forget the agent", e);
    }
    agents.remove(uid);
    commands.forget(uid);
    approvals.forget(uid);
    synchronized (entry) {
      if (entry.link() != null) {
        entry.link().close(1000, "forgotten by an operator");
      }
    }
  }

  @Override
  public CommandView sendCommand(String instanceUid, CommandRequest request) {
    AgentEntry entry = entry(instanceUid);
    AgentRecord agent;
    synchronized (entry) {
      agent = entry.record();
    }
    String type = request == null || request.type() == null ? "" : request.type();
    QueuedCommand queued;
    switch (type) {
      case QueuedCommand.RESTART -> {
        if (!Capabilities.has(agent.capabilities(), AgentCapabilities_AcceptsRestartCommand)) {
          throw new FleetException(
              Kind.CONFLICT, "agent " + instanceUid + " does not accept restart commands");
        }
        queued = commands.enqueue(agent.instanceUid(), QueuedCommand.RESTART, null, null, null);
      }
      case QueuedCommand.CUSTOM -> {
        if (request.capability() == null || request.capability().isBlank()) {
          throw new FleetException(Kind.BAD_REQUEST, "capability: required for custom commands");
        }
        if (!agent.customCapabilities().getCapabilitiesList().contains(request.capability())) {
          throw new FleetException(
              Kind.CONFLICT,
              "agent "
                  + instanceUid
                  + " does not advertise custom capability "
                  + request.capability());
        }
        byte[] data =
            request.data() == null ? new byte[0] : request.data().getBytes(StandardCharsets.UTF_8);
        queued =
            commands.enqueue(
                agent.instanceUid(),
                QueuedCommand.CUSTOM,
                request.capability(),
                request.messageType() == null ? "" : request.messageType(),
                data);
      }
      default ->
          throw new FleetException(
              Kind.BAD_REQUEST, "type: must be 'restart' or 'custom', not '" + type + "'");
    }
    offerNow.accept(agent.instanceUid());
    return AgentViews.of(commands.stored(queued));
  }

  @Override
  public List<CommandView> commands(String instanceUid) {
    InstanceUid uid = parse(instanceUid);
    entry(instanceUid);
    try {
      return commands.history(uid, 100).stream().map(AgentViews::of).toList();
    } catch (StoreException e) {
      throw unavailable("cannot read commands", e);
    }
  }

  @Override
  public AgentEventView.Page events(String instanceUid, Long before, int limit) {
    InstanceUid uid = parse(instanceUid);
    entry(instanceUid);
    if (limit < 1 || limit > 1000) {
      throw new FleetException(Kind.BAD_REQUEST, "limit must be between 1 and 1000");
    }
    try {
      writer.flush();
      List<AgentEventView> items =
          events.events(uid, before == null ? Long.MAX_VALUE : before, limit).stream()
              .map(AgentViews::of)
              .toList();
      Long next = items.size() == limit ? items.getLast().id() : null;
      return new AgentEventView.Page(items, next);
    } catch (StoreException e) {
      throw unavailable("cannot read the agent's history", e);
    }
  }

  @Override
  public Agent.RemoteConfig setRemoteConfig(String instanceUid, RemoteConfigRequest request) {
    return setRemoteConfig(instanceUid, request, "api");
  }

  /**
   * The direct per-agent push: linted and recorded as a version (see {@link DesiredState}), then
   * offered.
   *
   * @param actor who pushed it, for the audit trail
   */
  public Agent.RemoteConfig setRemoteConfig(
      String instanceUid, RemoteConfigRequest request, String actor) {
    if (request == null || request.files() == null || request.files().isEmpty()) {
      throw new FleetException(Kind.BAD_REQUEST, "files: at least one config file is required");
    }
    AgentConfigMap.Builder map = AgentConfigMap.newBuilder();
    request
        .files()
        .forEach(
            (name, file) -> {
              if (name == null || file == null || file.body() == null) {
                throw new FleetException(
                    Kind.BAD_REQUEST, "files." + name + ".body: required (the file's text)");
              }
              map.putConfigMap(
                  name,
                  AgentConfigFile.newBuilder()
                      .setBody(ByteString.copyFromUtf8(file.body()))
                      .setContentType(file.contentType() == null ? "" : file.contentType())
                      .build());
            });
    AgentConfigMap config = map.build();
    AgentRemoteConfig remote =
        AgentRemoteConfig.newBuilder()
            .setConfig(config)
            .setConfigHash(ConfigHash.of(config))
            .build();
    AgentEntry entry = entry(instanceUid);
    AgentRecord after;
    synchronized (entry) {
      long caps = entry.record().capabilities();
      if (caps != 0 && !Capabilities.has(caps, AgentCapabilities_AcceptsRemoteConfig)) {
        throw new FleetException(
            Kind.CONFLICT, "agent " + instanceUid + " does not accept remote config");
      }
      desiredState.directPush(entry.record().instanceUid(), remote, request.forced(), actor);
      after =
          writeThrough(
              entry,
              r -> r.toBuilder().remoteConfig(remote).build(),
              AgentEvent.of(
                  entry.record().instanceUid(),
                  clock.instant(),
                  AgentEvent.REMOTE_CONFIG_SET,
                  "remote config set (" + config.getConfigMapCount() + " file(s))",
                  Map.of("hash", ConfigHash.hex(remote.getConfigHash()))));
    }
    offerNow.accept(after.instanceUid());
    return AgentViews.of(after).remoteConfig();
  }

  /**
   * Offers {@code remote} to the agent (a version it was assigned, or the default instance to offer
   * nothing): stored first, then offered at once to a connected WebSocket agent.
   *
   * @return the agent after the change
   * @throws FleetException NOT_FOUND for an unknown agent, UNAVAILABLE when the store fails
   */
  public AgentRecord offer(InstanceUid uid, AgentRemoteConfig remote, String eventText) {
    AgentEntry entry = agents.get(uid);
    if (entry == null) {
      throw FleetException.notFound(uid.toString());
    }
    AgentRecord after;
    synchronized (entry) {
      if (entry.record().remoteConfig().equals(remote)) {
        return entry.record();
      }
      after =
          writeThrough(
              entry,
              r -> r.toBuilder().remoteConfig(remote).build(),
              AgentEvent.of(
                  uid,
                  clock.instant(),
                  AgentEvent.REMOTE_CONFIG_SET,
                  eventText,
                  Map.of("hash", ConfigHash.hex(remote.getConfigHash()))));
    }
    offerNow.accept(uid);
    return after;
  }

  /** The agent's current record, or null. */
  public AgentRecord record(InstanceUid uid) {
    AgentEntry entry = agents.get(uid);
    if (entry == null) {
      return null;
    }
    synchronized (entry) {
      return entry.record();
    }
  }

  /** Whether the agent is let in (not pending, not blocked). */
  public boolean approved(InstanceUid uid) {
    return Approvals.APPROVED.equals(approvals.state(uid));
  }

  /** Every agent's current record. */
  public List<AgentRecord> records() {
    return agents.snapshot();
  }

  /**
   * Stores the changed record with the event that records it (one transaction), then applies it in
   * memory and announces the event. Caller holds the lock.
   */
  private AgentRecord writeThrough(
      AgentEntry entry, UnaryOperator<AgentRecord> change, AgentEvent recorded) {
    AgentRecord candidate = change.apply(entry.record());
    List<AgentEvent> stored;
    try {
      stored =
          writer.saveNow(
              candidate.toBuilder().version(entry.record().version() + 1).build(),
              List.of(recorded));
    } catch (StoreException e) {
      throw unavailable("cannot save the change", e);
    }
    AgentRecord after = agents.update(entry, r -> candidate, true);
    stored.forEach(agents::event);
    return after;
  }

  private AgentEntry entry(String instanceUid) {
    AgentEntry entry = agents.get(parse(instanceUid));
    if (entry == null) {
      throw FleetException.notFound(instanceUid);
    }
    return entry;
  }

  private static InstanceUid parse(String instanceUid) {
    try {
      return InstanceUid.parse(instanceUid);
    } catch (IllegalArgumentException e) {
      throw new FleetException(Kind.BAD_REQUEST, "not an instance uid: '" + instanceUid + "'");
    }
  }

  private static FleetException unavailable(String what, StoreException e) {
    return new FleetException(Kind.UNAVAILABLE, what + ": " + e.getMessage(), e);
  }
}
