package dev.flotilla.server.rollout;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.opamp.InstanceUid;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One active rollout per agent: a rollout that would touch an agent of another is refused. */
final class Conflicts {
  private Conflicts() {}

  /**
   * @throws FleetException CONFLICT naming the first agent of {@code uids} that is in an active
   *     rollout other than {@code ignoring}, and that rollout
   */
  static void check(
      Collection<Rollout> all,
      Function<Rollout, List<RolloutAgent>> rows,
      List<InstanceUid> uids,
      String ignoring) {
    Map<InstanceUid, Rollout> busy = new HashMap<>();
    for (Rollout r : all) {
      if (r.active() && !r.id().equals(ignoring)) {
        for (RolloutAgent a : rows.apply(r)) {
          if (!a.state().equals(RolloutAgent.SKIPPED)) {
            busy.putIfAbsent(a.instanceUid(), r);
          }
        }
      }
    }
    for (InstanceUid uid : uids) {
      Rollout other = busy.get(uid);
      if (other != null) {
        throw new FleetException(
            Kind.CONFLICT,
            "agent "
                + uid
                + " is already in rollout "
                + other.id()
                + " ("
                + other.state()
                + "); finish, abort or roll back that rollout first");
      }
    }
  }
}
