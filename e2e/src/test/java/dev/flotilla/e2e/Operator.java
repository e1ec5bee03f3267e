package dev.flotilla.e2e;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.CommandView;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.VersionCreated;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Operator work through the REST API, one call at a time, recording in a {@link Ledger} what was
 * acknowledged: label changes, approvals of pending agents, published config versions, rollouts of
 * the newest version to agents labelled {@code ring=blue} (approved ones), and restart commands.
 */
final class Operator {
  static final String CONFIG = "durability";
  static final Map<String, String> BLUE = Map.of("ring", "blue");

  private final HttpFleetClient api;
  private final List<String> uids;
  private final Ledger ledger;
  private final Random random;
  private long gen;
  private long calls;

  /**
   * @param uids the agents to work on
   * @param random seeded: which call comes next and on which agent
   */
  Operator(HttpFleetClient api, List<String> uids, Ledger ledger, Random random) {
    this.api = api;
    this.uids = uids;
    this.ledger = ledger;
    this.random = random;
  }

  /** Works until {@code stop} says so; every call fails fast once the server is gone. */
  void runUntil(BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      step();
    }
  }

  long calls() {
    return calls;
  }

  private void step() {
    calls++;
    int dice = random.nextInt(1000);
    String uid = uids.get(random.nextInt(uids.size()));
    if (dice < 600) {
      setLabels(uid);
    } else if (dice < 680) {
      approve(uid);
    } else if (dice < 960) {
      restart(uid);
    } else if (dice < 985) {
      publish();
    } else {
      rollout();
    }
  }

  private void setLabels(String uid) {
    long value = ++gen;
    Map<String, String> labels =
        Map.of(
            "gen", Long.toString(value), "ring", ledger.approved.contains(uid) ? "blue" : "grey");
    ledger.labelSent(uid, value);
    try {
      api.setLabels(uid, labels);
      ledger.labelAcknowledged(uid, value);
    } catch (FleetException e) {
      if (Ledger.refused(e)) {
        ledger.labelRefused(uid, value);
      } else {
        ledger.unanswered();
      }
    }
  }

  private void approve(String uid) {
    if (ledger.approved.contains(uid)) {
      return;
    }
    try {
      Agent agent = api.approve(uid);
      if ("approved".equals(agent.approval())) {
        ledger.approvalAcknowledged(uid);
      }
    } catch (FleetException e) {
      if (!Ledger.refused(e)) {
        ledger.approvalUnanswered(uid);
      }
    }
  }

  private void restart(String uid) {
    try {
      CommandView c = api.sendCommand(uid, CommandRequest.restart());
      ledger.commandQueued(new Ledger.Command(uid, c.id()));
    } catch (FleetException e) {
      unanswered(e); // not acknowledged: nothing to expect
    }
  }

  private void publish() {
    long value = ++gen;
    String body =
        """
        [INPUT]
            Name  dummy
            Alias gen_%d

        [OUTPUT]
            Name  null
            Match *
        """
            .formatted(value);
    try {
      VersionCreated v =
          api.publish(
              CONFIG,
              new PublishRequest(
                  Map.of("pipeline.conf", new Agent.ConfigFile(body, "text/plain")),
                  "generation " + value));
      if (v.created()) {
        ledger.published(v);
      }
    } catch (FleetException e) {
      unanswered(e); // not acknowledged
    }
  }

  /** Aborts whatever rollout is still active (they would conflict), then starts a new one. */
  private void rollout() {
    if (ledger.versions.isEmpty()) {
      return;
    }
    try {
      for (RolloutView r : api.rollouts()) {
        if (!r.finished()) {
          api.abort(r.id());
          ledger.rolloutAborted(r.id());
        }
      }
      VersionCreated v = ledger.versions.getLast();
      RolloutView started = api.startRollout(new RolloutRequest(v.name(), v.version(), BLUE, null));
      ledger.rolloutStarted(
          new Ledger.Rollout(started.id(), started.config(), started.version(), started.hash()));
    } catch (FleetException e) {
      unanswered(e); // not acknowledged (a rollout that finished meanwhile cannot be aborted: 409)
    }
  }

  private void unanswered(FleetException e) {
    if (!Ledger.refused(e)) {
      ledger.unanswered();
    }
  }
}
