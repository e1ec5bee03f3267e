package dev.flotilla.server.api;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.FleetSummary;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentEntry;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.AgentViews;
import dev.flotilla.server.agents.Agents;
import dev.flotilla.server.agents.FleetChanges;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live fleet changes for browsers and CLIs as server-sent events on {@code GET /api/v1/stream}.
 * Changes are coalesced per agent and published by {@link #publish()} (called a few times a
 * second), so a busy fleet sends at most one update per agent per tick:
 *
 * <ul>
 *   <li>{@code agent}: the agent's full JSON after it changed
 *   <li>{@code removed}: {@code {"instanceUid": …}} after it was forgotten or renamed
 *   <li>{@code event}: one history entry
 *   <li>{@code summary}: fleet counts, after any change
 *   <li>{@code rollout}: a rollout's state and counts per agent state (no agent rows) after it
 *       changed; fetch {@code /api/v1/rollouts/{id}} for the rows
 * </ul>
 */
public final class AgentStream implements FleetChanges {
  private final Agents agents;
  private final Function<AgentRecord, Agent> view;
  private final Supplier<FleetSummary> summary;
  private final JsonMapper json;
  private final Set<InstanceUid> changed = ConcurrentHashMap.newKeySet();
  private final Set<InstanceUid> removed = ConcurrentHashMap.newKeySet();
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final Map<String, Object> rollouts = new ConcurrentHashMap<>();
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();

  public AgentStream(
      Agents agents,
      Function<AgentRecord, Agent> view,
      Supplier<FleetSummary> summary,
      JsonMapper json) {
    this.agents = agents;
    this.view = view;
    this.summary = summary;
    this.json = json;
  }

  /** Registers a client and blocks its (virtual) request thread until it goes away. */
  public void serve(SseClient client) {
    clients.add(client);
    client.onClose(() -> clients.remove(client));
    client.sendEvent("summary", json.writeValueAsString(summary.get()));
    client.keepAlive();
  }

  public int clients() {
    return clients.size();
  }

  /** Sends what changed since the last call to every client. */
  public void publish() {
    if (clients.isEmpty()) {
      changed.clear();
      removed.clear();
      events.clear();
      rollouts.clear();
      return;
    }
    List<String[]> out = new ArrayList<>();
    for (String id : List.copyOf(rollouts.keySet())) {
      Object rollout = rollouts.remove(id);
      if (rollout != null) {
        out.add(new String[] {"rollout", json.writeValueAsString(rollout)});
      }
    }
    for (InstanceUid uid : drain(removed)) {
      out.add(
          new String[] {"removed", json.writeValueAsString(Map.of("instanceUid", uid.toString()))});
    }
    for (InstanceUid uid : drain(changed)) {
      AgentEntry entry = agents.get(uid);
      if (entry != null) {
        AgentRecord r;
        synchronized (entry) {
          r = entry.record();
        }
        out.add(new String[] {"agent", json.writeValueAsString(view.apply(r))});
      }
    }
    List<AgentEvent> newEvents = new ArrayList<>(events);
    events.removeAll(newEvents);
    for (AgentEvent e : newEvents) {
      out.add(new String[] {"event", json.writeValueAsString(AgentViews.of(e))});
    }
    if (out.isEmpty()) {
      return;
    }
    out.add(new String[] {"summary", json.writeValueAsString(summary.get())});
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
        continue;
      }
      for (String[] message : out) {
        client.sendEvent(message[0], message[1]);
      }
    }
  }

  /** Queues a rollout's new state; only the newest per rollout goes out on the next publish. */
  public void rolloutChanged(String id, Object view) {
    if (!clients.isEmpty()) {
      rollouts.put(id, view);
    }
  }

  private static List<InstanceUid> drain(Set<InstanceUid> set) {
    List<InstanceUid> taken = new ArrayList<>(set);
    set.removeAll(taken);
    return taken;
  }

  @Override
  public void agentChanged(AgentRecord snapshot) {
    changed.add(snapshot.instanceUid());
  }

  @Override
  public void event(AgentEvent event) {
    if (!clients.isEmpty()) {
      events.add(event);
    }
  }

  @Override
  public void agentDeleted(InstanceUid uid) {
    changed.remove(uid);
    removed.add(uid);
  }

  @Override
  public void agentRenamed(InstanceUid from, InstanceUid to) {
    removed.add(from);
    changed.add(to);
  }
}
