package dev.flotilla.e2e;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.VersionCreated;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator was told succeeded (HTTP 2xx), and what may have happened without an answer: a
 * call whose connection broke, or that the server answered with 5xx, may or may not have been
 * applied; a refused connection or a 4xx answer changed nothing.
 *
 * <p>Not thread-safe: the operator writes it while it runs, the check reads and rebases it while
 * the operator is stopped.
 */
final class Ledger {

  /** A rollout the operator started, and whether it was then aborted (acknowledged). */
  static final class Rollout {
    final String id;
    final String config;
    final int version;
    final String hash;
    boolean aborted;

    Rollout(String id, String config, int version, String hash) {
      this.id = id;
      this.config = config;
      this.version = version;
      this.hash = hash;
    }
  }

  /** A command the server queued for an agent. */
  record Command(String uid, long id) {}

  /** The last acknowledged {@code gen} label per agent. */
  final Map<String, Long> labels = new HashMap<>();

  /** Label values sent after the last acknowledged one without a clear answer. */
  final Map<String, Set<Long>> labelsInFlight = new HashMap<>();

  /** Agents whose approval was acknowledged. */
  final Set<String> approved = new LinkedHashSet<>();

  /** Agents an approval was sent for without a clear answer. */
  final Set<String> approvalsInFlight = new HashSet<>();

  final List<VersionCreated> versions = new ArrayList<>();
  final Map<String, Rollout> rollouts = new HashMap<>();
  final List<Command> commands = new ArrayList<>();

  /** Acknowledged writes not yet checked against a restarted server. */
  final Set<Object> unchecked = new HashSet<>();

  private long acknowledged;
  private long unanswered;

  void labelSent(String uid, long gen) {
    labelsInFlight.computeIfAbsent(uid, k -> new HashSet<>()).add(gen);
  }

  void labelAcknowledged(String uid, long gen) {
    labels.put(uid, gen);
    labelsInFlight.remove(uid); // the acknowledged value replaced whatever came before
    unchecked.add(List.of("label", uid));
    acknowledged++;
  }

  /** A call may have been applied, but the server never said so. */
  void unanswered() {
    unanswered++;
  }

  void labelRefused(String uid, long gen) {
    Set<Long> sent = labelsInFlight.get(uid);
    if (sent != null) {
      sent.remove(gen);
    }
  }

  void approvalAcknowledged(String uid) {
    approved.add(uid);
    approvalsInFlight.remove(uid);
    unchecked.add(List.of("approval", uid));
    acknowledged++;
  }

  void approvalUnanswered(String uid) {
    approvalsInFlight.add(uid);
    unanswered++;
  }

  void published(VersionCreated v) {
    versions.add(v);
    unchecked.add(v);
    acknowledged++;
  }

  void rolloutStarted(Rollout r) {
    rollouts.put(r.id, r);
    unchecked.add(r);
    acknowledged++;
  }

  void rolloutAborted(String id) {
    Rollout r = rollouts.get(id);
    if (r != null) {
      r.aborted = true;
      unchecked.add(List.of("abort", id));
      acknowledged++;
    }
  }

  void commandQueued(Command c) {
    commands.add(c);
    unchecked.add(c);
    acknowledged++;
  }

  /** Calls cut off by a kill (or answered 5xx): applied or not, the server never said. */
  long unansweredCalls() {
    return unanswered;
  }

  /** Every acknowledged write so far. */
  long acknowledged() {
    return acknowledged;
  }

  /**
   * True when the call surely changed nothing: the connection was refused, or the server answered
   * 4xx. False when it may have been applied (broken connection, 5xx).
   */
  static boolean refused(FleetException e) {
    int status = e.kind().httpStatus();
    return (status >= 400 && status < 500) || e.getCause() instanceof ConnectException;
  }
}
