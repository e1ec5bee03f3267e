package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The live fleet, held in memory. Every change goes through {@link #update} so that listeners see
 * it; heartbeat-only changes (sequence number, last seen) reach the listeners at most once per
 * {@code quietPersistInterval} per agent, so that heartbeats cause no database writes.
 */
public final class Agents {
  private final ConcurrentHashMap<InstanceUid, AgentEntry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final java.util.List<FleetChanges> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final FleetChanges changes = FleetChanges.all(listeners);
  private final Duration quietPersistInterval;

  public Agents(Clock clock, Duration quietPersistInterval) {
    this.clock = clock;
    this.quietPersistInterval = quietPersistInterval;
  }

  /** Adds a listener for every later change. */
  public void listen(FleetChanges listener) {
    listeners.add(listener);
  }

  /** Loads stored agents at start-up; all of them start disconnected. */
  public void load(Collection<AgentRecord> stored) {
    for (AgentRecord r : stored) {
      AgentRecord record =
          r.connection() != null && r.connection().connected()
              ? r.toBuilder().connection(r.connection().disconnected()).build()
              : r;
      AgentEntry entry = new AgentEntry(record);
      entry.lastPersisted = clock.instant();
      entries.put(r.instanceUid(), entry);
    }
  }

  public AgentEntry get(InstanceUid uid) {
    return entries.get(uid);
  }

  /** The entry for {@code uid}, created (and announced) when the agent is new. */
  public AgentEntry getOrCreate(InstanceUid uid) {
    AgentEntry existing = entries.get(uid);
    if (existing != null) {
      return existing;
    }
    AgentEntry created = new AgentEntry(AgentRecord.newAgent(uid, clock.instant()));
    AgentEntry raced = entries.putIfAbsent(uid, created);
    return raced != null ? raced : created;
  }

  public int size() {
    return entries.size();
  }

  /** A consistent snapshot of every agent (each taken under its own lock). */
  public List<AgentRecord> snapshot() {
    List<AgentRecord> all = new ArrayList<>(entries.size());
    for (AgentEntry e : entries.values()) {
      synchronized (e) {
        all.add(e.record);
      }
    }
    return all;
  }

  public Collection<AgentEntry> entries() {
    return entries.values();
  }

  /**
   * Replaces the entry's record. The caller holds the entry's lock.
   *
   * @param significant false for heartbeat-only changes, which are persisted lazily
   */
  public AgentRecord update(
      AgentEntry entry, UnaryOperator<AgentRecord> change, boolean significant) {
    AgentRecord before = entry.record;
    AgentRecord after = change.apply(before).toBuilder().version(before.version() + 1).build();
    entry.record = after;
    Instant now = clock.instant();
    if (significant
        || Duration.between(entry.lastPersisted, now).compareTo(quietPersistInterval) >= 0) {
      entry.lastPersisted = now;
      changes.agentChanged(after);
    }
    return after;
  }

  public void event(AgentEvent event) {
    changes.event(event);
  }

  /** Removes the agent; returns its last entry, or null if unknown. */
  public AgentEntry remove(InstanceUid uid) {
    AgentEntry removed = entries.remove(uid);
    if (removed != null) {
      changes.agentDeleted(uid);
    }
    return removed;
  }

  /** Moves an agent to a new uid (server-assigned instance uid). */
  public AgentEntry rename(InstanceUid from, InstanceUid to) {
    AgentEntry entry = entries.remove(from);
    if (entry == null) {
      return null;
    }
    synchronized (entry) {
      AgentRecord r = entry.record;
      entry.record = r.toBuilder().instanceUid(to).version(r.version() + 1).build();
      entries.put(to, entry);
      changes.agentRenamed(from, to);
      changes.agentChanged(entry.record);
    }
    return entry;
  }

  /** Hands every agent's newest snapshot to the listeners (at shutdown). */
  public void persistAll() {
    for (AgentEntry e : entries.values()) {
      synchronized (e) {
        e.lastPersisted = clock.instant();
        changes.agentChanged(e.record);
      }
    }
  }

  public Map<InstanceUid, AgentEntry> view() {
    return java.util.Collections.unmodifiableMap(entries);
  }
}
