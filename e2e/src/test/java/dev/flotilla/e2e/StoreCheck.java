package dev.flotilla.e2e;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentPage;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandView;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.VersionCreated;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a freshly started server, through its REST API, with a {@link Ledger}: what it
 * acknowledged must be there, and no agent may be approved that an operator did not approve. Then
 * rebases the ledger on what the server has (an unanswered call either happened or not; now we
 * know).
 */
final class StoreCheck {
  private final HttpFleetClient api;
  private final String apiUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  /** Everything found wrong, each line saying what was acknowledged and what the server had. */
  final List<String> lost = new ArrayList<>();

  final List<String> wronglyApproved = new ArrayList<>();
  long writesChecked;
  long checks;

  StoreCheck(HttpFleetClient api, String apiUrl) {
    this.api = api;
    this.apiUrl = apiUrl;
  }

  /**
   * @param kill which kill the server just came back from, for the messages
   */
  void check(Ledger ledger, int kill) throws IOException, InterruptedException {
    writesChecked += ledger.unchecked.size();
    ledger.unchecked.clear();
    AgentPage page =
        api.agents(
            new AgentQuery(null, null, Map.of(), null, "instanceUid", 0, AgentQuery.MAX_LIMIT));
    Map<String, Agent> agents =
        page.items().stream().collect(Collectors.toMap(Agent::instanceUid, Function.identity()));
    labels(ledger, agents, kill);
    approvals(ledger, agents, kill);
    versions(ledger, kill);
    rollouts(ledger, kill);
    commands(ledger, kill);
    audit(ledger, kill);
  }

  private void labels(Ledger ledger, Map<String, Agent> agents, int kill) {
    Set<String> uids = new HashSet<>(ledger.labels.keySet());
    uids.addAll(ledger.labelsInFlight.keySet());
    for (String uid : uids) {
      Long acked = ledger.labels.get(uid);
      Set<Long> allowed = new HashSet<>(ledger.labelsInFlight.getOrDefault(uid, Set.of()));
      Agent agent = agents.get(uid);
      String text = agent == null ? null : agent.labels().get("gen");
      Long found = text == null ? null : Long.parseLong(text);
      if (acked != null) {
        checks++;
        allowed.add(acked);
        if (found == null || !allowed.contains(found)) {
          lost.add(
              "after kill %d: agent %s had label gen=%d acknowledged (in flight: %s), the server has %s"
                  .formatted(
                      kill,
                      uid,
                      acked,
                      ledger.labelsInFlight.getOrDefault(uid, Set.of()),
                      agent == null ? "no such agent" : agent.labels()));
        }
      } else if (found != null && !allowed.contains(found)) {
        lost.add(
            "after kill %d: agent %s has label gen=%d that no operator call sent"
                .formatted(kill, uid, found));
      }
      if (found != null) {
        ledger.labels.put(uid, found);
      }
      ledger.labelsInFlight.remove(uid);
    }
  }

  private void approvals(Ledger ledger, Map<String, Agent> agents, int kill) {
    for (String uid : ledger.approved) {
      checks++;
      Agent agent = agents.get(uid);
      if (agent == null || !"approved".equals(agent.approval())) {
        lost.add(
            "after kill %d: the approval of %s was acknowledged, the server has %s"
                .formatted(kill, uid, agent == null ? "no such agent" : agent.approval()));
      }
    }
    for (Agent agent : agents.values()) {
      checks++;
      String uid = agent.instanceUid();
      if ("approved".equals(agent.approval())) {
        if (!ledger.approved.contains(uid) && !ledger.approvalsInFlight.contains(uid)) {
          wronglyApproved.add(
              "after kill %d: agent %s is approved, but no operator approved it"
                  .formatted(kill, uid));
        }
        ledger.approved.add(uid);
      }
    }
    ledger.approvalsInFlight.clear();
  }

  private void versions(Ledger ledger, int kill) {
    if (ledger.versions.isEmpty()) {
      return;
    }
    Map<Integer, String> stored = new HashMap<>();
    for (ConfigVersion v : orNone(() -> api.versions(Operator.CONFIG))) {
      stored.put(v.version(), v.hash());
    }
    for (VersionCreated v : ledger.versions) {
      checks++;
      if (!v.hash().equals(stored.get(v.version()))) {
        lost.add(
            "after kill %d: %s@%d with hash %s was acknowledged, the server has %s"
                .formatted(kill, v.name(), v.version(), v.hash(), stored.get(v.version())));
      }
    }
  }

  private void rollouts(Ledger ledger, int kill) {
    Map<String, RolloutView> stored = new HashMap<>();
    for (RolloutView r : api.rollouts()) {
      stored.put(r.id(), r);
    }
    for (Ledger.Rollout r : ledger.rollouts.values()) {
      checks++;
      RolloutView s = stored.get(r.id);
      if (s == null) {
        lost.add(
            "after kill %d: rollout %s was acknowledged, the server has none"
                .formatted(kill, r.id));
      } else if (!s.config().equals(r.config)
          || s.version() != r.version
          || !s.hash().equals(r.hash)
          || !RolloutView.STATES.contains(s.state())
          || !Operator.BLUE.equals(s.selector())
          || (r.aborted && !s.state().equals("aborted"))) {
        lost.add(
            "after kill %d: rollout %s of %s@%d (%s) was acknowledged%s, the server has %s@%d (%s) in state %s"
                .formatted(
                    kill,
                    r.id,
                    r.config,
                    r.version,
                    r.hash,
                    r.aborted ? " and aborted" : "",
                    s.config(),
                    s.version(),
                    s.hash(),
                    s.state()));
      }
    }
  }

  private void commands(Ledger ledger, int kill) {
    Map<String, List<Long>> byAgent = new HashMap<>();
    for (Ledger.Command c : ledger.commands) {
      byAgent.computeIfAbsent(c.uid(), k -> new ArrayList<>()).add(c.id());
    }
    byAgent.forEach(
        (uid, ids) -> {
          Set<Long> stored =
              orNone(() -> api.commands(uid)).stream()
                  .map(CommandView::id)
                  .collect(Collectors.toSet());
          for (long id : ids) {
            checks++;
            if (!stored.contains(id)) {
              lost.add(
                  "after kill %d: restart command %d for %s was acknowledged, the server has %s"
                      .formatted(kill, id, uid, stored));
            }
          }
        });
  }

  private void audit(Ledger ledger, int kill) throws IOException, InterruptedException {
    Set<String> events = new HashSet<>();
    for (JsonNode e : auditEvents().get("events")) {
      events.add(e.get("action").asString() + " " + e.get("target").asString());
    }
    List<String> expected = new ArrayList<>();
    ledger.versions.forEach(v -> expected.add("config.publish " + v.name() + "@" + v.version()));
    for (Ledger.Rollout r : ledger.rollouts.values()) {
      expected.add("rollout.start " + r.id);
      if (r.aborted) {
        expected.add("rollout.abort " + r.id);
      }
    }
    for (String e : expected) {
      checks++;
      if (!events.contains(e)) {
        lost.add("after kill %d: the audit trail lacks the acknowledged %s".formatted(kill, e));
      }
    }
  }

  /**
   * What {@code read} answers, or nothing when the server has no such config or agent (any more).
   */
  private static <T> List<T> orNone(Supplier<List<T>> read) {
    try {
      return read.get();
    } catch (FleetException e) {
      if (e.kind() == FleetException.Kind.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  private JsonNode auditEvents() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/audit?limit=1000"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET /api/v1/audit answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode body = json.readTree(r.body());
    if (body.get("events").size() >= 1000) {
      throw new IllegalStateException("the audit trail outgrew one page; publish less often");
    }
    return body;
  }
}
