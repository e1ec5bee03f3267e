package dev.flotilla.server.rollout;

import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.Share;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentFilter;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.LiveFleet;
import dev.flotilla.server.configs.ConfigVersions;
import dev.flotilla.server.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rollouts: on every {@link #tick()} it records what agents reported, moves offered agents to
 * applied, healthy, failed or timed out, pauses a rollout over its failure budget, and offers the
 * next batch once the current one is done (after the pause). Late joiners — agents that match a
 * completed rollout's selector and have nothing newer — get its version. Every change is written to
 * the store before it is kept in memory, so a restarted server resumes where it was.
 *
 * <p>Thread-safe: one monitor guards all rollouts (ticks and operator actions are short).
 */
public final class RolloutEngine {
  private static final Logger log = LoggerFactory.getLogger(RolloutEngine.class);
  private static final String SYSTEM = "flotilla (rollout engine)";

  private final RolloutStore store;
  private final ConfigVersions configs;
  private final LiveFleet fleet;
  private final Clock clock;
  private final AgentProgress progress;
  private final LateJoiners lateJoiners;
  private final Map<String, Rollout> rollouts = new LinkedHashMap<>(); // oldest first
  private final Map<String, LinkedHashMap<InstanceUid, RolloutAgent>> agents = new HashMap<>();
  private final List<Consumer<RolloutView>> listeners = new CopyOnWriteArrayList<>();

  public RolloutEngine(RolloutStore store, ConfigVersions configs, LiveFleet fleet, Clock clock) {
    this.store = store;
    this.configs = configs;
    this.fleet = fleet;
    this.clock = clock;
    this.progress = new AgentProgress(configs, fleet);
    this.lateJoiners = new LateJoiners(progress, configs, fleet);
  }

  /** Reads every rollout from the store; call once before the scheduler starts. */
  public synchronized RolloutEngine load() {
    for (Rollout r : store.rollouts()) {
      rollouts.put(r.id(), r);
      LinkedHashMap<InstanceUid, RolloutAgent> rows = new LinkedHashMap<>();
      store.agents(r.id()).forEach(a -> rows.put(a.instanceUid(), a));
      agents.put(r.id(), rows);
    }
    return this;
  }

  /** Hears a summary (no agent rows) of every rollout that changed. */
  public void listen(Consumer<RolloutView> listener) {
    listeners.add(listener);
  }

  // ---- operator actions

  public RolloutView start(RolloutRequest request, String actor) {
    if (request == null || request.config() == null || request.config().isBlank()) {
      throw new FleetException(Kind.BAD_REQUEST, "config: the name of the config to roll out");
    }
    ConfigVersion v =
        request.version() == null
            ? configs.latest(request.config())
            : configs.version(request.config(), request.version());
    RolloutStrategy strategy =
        (request.strategy() == null ? RolloutStrategy.defaults() : request.strategy())
            .withDefaults();
    Map<String, String> selector = request.selector() == null ? Map.of() : request.selector();
    Rollout r;
    synchronized (this) {
      List<AgentRecord> matching =
          fleet.records().stream()
              .filter(a -> AgentFilter.selects(a, selector))
              .sorted(Comparator.comparing(a -> a.instanceUid().toString()))
              .toList();
      conflicts(matching.stream().map(AgentRecord::instanceUid).toList(), null);
      Instant now = clock.instant();
      String id = InstanceUid.newV7(clock).toString();
      List<RolloutAgent> rows = new ArrayList<>();
      for (int i = 0; i < matching.size(); i++) {
        rows.add(
            new RolloutAgent(
                id,
                matching.get(i).instanceUid(),
                RolloutPlan.batchOf(i, matching.size(), strategy),
                RolloutAgent.PENDING,
                null,
                v.name(),
                v.version(),
                v.hash(),
                null,
                null,
                null,
                null,
                now));
      }
      int first = rows.stream().mapToInt(RolloutAgent::batch).min().orElse(0);
      r =
          new Rollout(
              id,
              v.name(),
              v.version(),
              v.hash(),
              selector,
              strategy,
              Rollout.PENDING,
              null,
              null,
              actor,
              now,
              now,
              first,
              null,
              0);
      save(r, rows);
      configs.audit(
          actor,
          "rollout.start",
          id,
          v.name() + "@" + v.version() + " to " + rows.size() + " agent(s) matching " + selector);
      advance(r);
    }
    return view(r.id());
  }

  public RolloutView pause(String id, String actor) {
    return change(
        id,
        actor,
        "rollout.pause",
        r -> {
          if (!r.state().equals(Rollout.RUNNING) && !r.state().equals(Rollout.PENDING)) {
            throw r.cannotBe("paused");
          }
          save(r.withState(Rollout.PAUSED, "paused by " + actor, clock.instant()), List.of());
        });
  }

  public RolloutView resume(String id, String actor) {
    return change(
        id,
        actor,
        "rollout.resume",
        r -> {
          if (!r.state().equals(Rollout.PAUSED)) {
            throw r.cannotBe("resumed");
          }
          int failures = (int) rows(r).stream().filter(RolloutAgent::failure).count();
          Instant now = clock.instant();
          Rollout resumed = r.withState(Rollout.RUNNING, null, now).withAcceptedFailures(failures);
          if (resumed.batchDoneAt() != null) {
            // resuming is the operator's go: the next batch goes out now, not after the pause
            resumed =
                resumed.withBatch(
                    resumed.currentBatch(),
                    now.minusSeconds(resumed.strategy().pauseSeconds()),
                    now);
          }
          save(resumed, List.of());
          advance(resumed);
        });
  }

  public RolloutView abort(String id, String actor) {
    return change(
        id,
        actor,
        "rollout.abort",
        r -> {
          if (!r.active()) {
            throw r.cannotBe("aborted");
          }
          Instant now = clock.instant();
          save(
              r.withState(Rollout.ABORTED, "aborted by " + actor, now),
              skipPending(r, "rollout aborted", now));
        });
  }

  /** Starts a rollout giving every agent {@code id} changed its previous version. */
  public RolloutView rollback(String id, String actor) {
    Rollout back;
    synchronized (this) {
      Rollout r = get(id);
      if (r.state().equals(Rollout.ROLLED_BACK)) {
        throw r.cannotBe("rolled back");
      }
      Instant now = clock.instant();
      List<RolloutAgent> changed =
          rows(r).stream().filter(a -> a.changed() && a.previousName() != null).toList();
      conflicts(changed.stream().map(RolloutAgent::instanceUid).toList(), r.id());
      String backId = InstanceUid.newV7(clock).toString();
      List<RolloutAgent> rows = new ArrayList<>();
      Map<String, ConfigVersion> versions = new HashMap<>();
      for (RolloutAgent a : changed) {
        ConfigVersion prev =
            versions.computeIfAbsent(
                a.previousLabel(), k -> configs.version(a.previousName(), a.previousVersion()));
        rows.add(
            new RolloutAgent(
                backId,
                a.instanceUid(),
                1,
                RolloutAgent.PENDING,
                null,
                prev.name(),
                prev.version(),
                prev.hash(),
                null,
                null,
                null,
                null,
                now));
      }
      ConfigVersion shown =
          versions.isEmpty()
              ? configs.version(r.config(), r.version())
              : versions.values().iterator().next();
      RolloutStrategy s = r.strategy();
      back =
          new Rollout(
              backId,
              shown.name(),
              shown.version(),
              shown.hash(),
              r.selector(),
              new RolloutStrategy(
                  Share.count(0),
                  Share.percentOf(100),
                  0,
                  s.healthySeconds(),
                  s.timeoutSeconds(),
                  Share.percentOf(100)),
              Rollout.PENDING,
              null,
              r.id(),
              actor,
              now,
              now,
              1,
              null,
              0);
      save(
          r.withState(Rollout.ROLLED_BACK, "rolled back by rollout " + backId, now),
          skipPending(r, "rolled back", now));
      save(back, rows);
      configs.audit(
          actor,
          "rollout.rollback",
          r.id(),
          "rollout " + backId + ", " + rows.size() + " agent(s)");
      advance(back);
    }
    return view(back.id());
  }

  // ---- reads

  /** Every rollout, newest first, without agent rows. */
  public synchronized List<RolloutView> list() {
    List<RolloutView> out = new ArrayList<>();
    rollouts.values().forEach(r -> out.add(view(r, false)));
    return out.reversed();
  }

  public synchronized RolloutView view(String id) {
    return view(get(id), true);
  }

  /** Rollouts by state, and agents of active rollouts by agent state, for {@code /metrics}. */
  public synchronized Map<String, Map<String, Integer>> gauges() {
    Map<String, Integer> byState = new TreeMap<>();
    RolloutView.STATES.forEach(s -> byState.put(s, 0));
    Map<String, Integer> activeAgents = new TreeMap<>();
    RolloutView.AGENT_STATES.forEach(s -> activeAgents.put(s, 0));
    for (Rollout r : rollouts.values()) {
      byState.merge(r.state(), 1, Integer::sum);
      if (r.active()) {
        rows(r).forEach(a -> activeAgents.merge(a.state(), 1, Integer::sum));
      }
    }
    return Map.of("rollouts", byState, "agents", activeAgents);
  }

  // ---- the scheduler

  /** One step of every rollout; called by the scheduler. */
  public void tick() {
    configs.observe();
    synchronized (this) {
      for (Rollout r : List.copyOf(rollouts.values())) {
        try {
          if (r.active()) {
            advance(r);
          } else if (r.state().equals(Rollout.COMPLETED)) {
            follow(r);
          }
        } catch (FleetException | StoreException e) {
          log.warn("rollout {}: {}; retrying on the next tick", r.id(), e.getMessage());
        }
      }
      try {
        lateJoiners();
      } catch (FleetException | StoreException e) {
        log.warn("late joiners: {}; retrying on the next tick", e.getMessage());
      }
    }
  }

  private void advance(Rollout r) {
    Instant now = clock.instant();
    if (r.state().equals(Rollout.PENDING)) {
      Rollout running = r.withState(Rollout.RUNNING, null, now);
      save(running, offerBatch(running, running.currentBatch(), now));
      return;
    }
    List<RolloutAgent> changed = track(r, now);
    if (!r.state().equals(Rollout.RUNNING)) {
      if (!changed.isEmpty()) {
        save(r, changed);
      }
      return;
    }
    List<RolloutAgent> rows = rows(r);
    List<RolloutAgent> failures = rows.stream().filter(RolloutAgent::failure).toList();
    int budget = r.strategy().maxFailures().of(rows.size());
    if (failures.size() - r.acceptedFailures() > budget) {
      RolloutAgent first = failures.getFirst();
      String reason =
          "paused: "
              + failures.size()
              + " agent(s) failed, over the failure budget of "
              + budget
              + (r.acceptedFailures() > 0 ? " (+" + r.acceptedFailures() + " accepted)" : "")
              + "; first: "
              + first.instanceUid()
              + " "
              + first.state()
              + (first.message() == null ? "" : ": " + first.message());
      save(r.withState(Rollout.PAUSED, reason, now), changed);
      configs.audit(SYSTEM, "rollout.pause", r.id(), reason);
      return;
    }
    Rollout next = r;
    boolean batchDone =
        rows.stream().filter(a -> a.batch() == r.currentBatch()).allMatch(RolloutAgent::finished);
    if (batchDone) {
      if (next.batchDoneAt() == null) {
        next = next.withBatch(next.currentBatch(), now, now);
      }
      int current = next.currentBatch();
      int following =
          rows.stream().mapToInt(RolloutAgent::batch).filter(b -> b > current).min().orElse(-1);
      if (following < 0) {
        next = next.withState(Rollout.COMPLETED, null, now);
      } else if (!now.isBefore(next.batchDoneAt().plusSeconds(next.strategy().pauseSeconds()))) {
        next = next.withBatch(following, null, now);
        changed.addAll(offerBatch(next, following, now));
      }
    }
    if (next != r || !changed.isEmpty()) {
      save(next, changed);
    }
  }

  /** A completed rollout: keep following agents still on their way, without gates. */
  private void follow(Rollout r) {
    List<RolloutAgent> changed = track(r, clock.instant());
    if (!changed.isEmpty()) {
      save(r, changed);
    }
  }

  /** Moves offered and applied agents on by what they report; returns the changed rows. */
  private List<RolloutAgent> track(Rollout r, Instant now) {
    List<RolloutAgent> changed = new ArrayList<>();
    for (RolloutAgent row : rows(r)) {
      if (row.state().equals(RolloutAgent.OFFERED) || row.state().equals(RolloutAgent.APPLIED)) {
        RolloutAgent after = progress.evaluate(row, r.strategy(), now);
        if (!after.equals(row)) {
          changed.add(after);
        }
      }
    }
    return changed;
  }

  /** Offers the batch's pending agents their target, or skips them; returns the changed rows. */
  private List<RolloutAgent> offerBatch(Rollout r, int batch, Instant now) {
    List<RolloutAgent> changed = new ArrayList<>();
    Map<String, ConfigVersion> versions = new HashMap<>();
    for (RolloutAgent row : rows(r)) {
      if (row.batch() != batch || !row.state().equals(RolloutAgent.PENDING)) {
        continue;
      }
      String skip = progress.skipReason(fleet.record(row.instanceUid()));
      if (skip != null) {
        changed.add(row.with(RolloutAgent.SKIPPED, skip, now));
        continue;
      }
      changed.add(progress.offer(r, row, versions, now));
    }
    return changed;
  }

  /**
   * Agents matching the selector of the newest completed rollout for that selector, with nothing
   * newer and not in an active rollout, get its version (new agents, and agents skipped earlier
   * that are now connected).
   */
  private void lateJoiners() {
    Map<Rollout, List<RolloutAgent>> joined =
        lateJoiners.find(rollouts.values(), this::rows, clock.instant());
    joined.forEach(
        (r, rows) -> {
          save(r, rows);
          log.info("rollout {}: offered {} to {} late joiner(s)", r.id(), r.version(), rows.size());
        });
  }

  // ---- helpers (callers hold the monitor)

  private synchronized RolloutView change(
      String id, String actor, String action, Consumer<Rollout> body) {
    Rollout r = get(id);
    body.accept(r);
    configs.audit(actor, action, id, "was " + r.state());
    return view(get(id), true);
  }

  private void conflicts(List<InstanceUid> uids, String ignoring) {
    Conflicts.check(rollouts.values(), this::rows, uids, ignoring);
  }

  private List<RolloutAgent> skipPending(Rollout r, String why, Instant now) {
    return rows(r).stream()
        .filter(a -> a.state().equals(RolloutAgent.PENDING))
        .map(a -> a.with(RolloutAgent.SKIPPED, why, now))
        .toList();
  }

  /** Writes first, then keeps; tells listeners. */
  private void save(Rollout r, List<RolloutAgent> rows) {
    try {
      store.save(r, rows);
    } catch (StoreException e) {
      throw new FleetException(
          Kind.UNAVAILABLE, "cannot save rollout " + r.id() + ": " + e.getMessage(), e);
    }
    rollouts.put(r.id(), r);
    LinkedHashMap<InstanceUid, RolloutAgent> kept =
        agents.computeIfAbsent(r.id(), k -> new LinkedHashMap<>());
    rows.forEach(a -> kept.put(a.instanceUid(), a));
    RolloutView summary = view(r, false);
    listeners.forEach(l -> l.accept(summary));
  }

  private Rollout get(String id) {
    Rollout r = id == null ? null : rollouts.get(id);
    if (r == null) {
      throw new FleetException(Kind.NOT_FOUND, "no rollout with id " + id);
    }
    return r;
  }

  private List<RolloutAgent> rows(Rollout r) {
    LinkedHashMap<InstanceUid, RolloutAgent> rows = agents.get(r.id());
    return rows == null ? List.of() : List.copyOf(rows.values());
  }

  private RolloutView view(Rollout r, boolean withAgents) {
    return RolloutViews.of(r, rows(r), withAgents);
  }
}
