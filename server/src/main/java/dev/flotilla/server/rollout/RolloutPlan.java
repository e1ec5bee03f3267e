package dev.flotilla.server.rollout;

import dev.flotilla.fleet.RolloutStrategy;

/** Which batch each agent of a rollout falls in: the canary is batch 0, then 1, 2, …. */
final class RolloutPlan {
  private RolloutPlan() {}

  /**
   * @param index the agent's position in rollout order
   * @param total agents in the rollout
   */
  static int batchOf(int index, int total, RolloutStrategy s) {
    int canary = s.canary().of(total);
    if (index < canary) {
      return 0;
    }
    int size = Math.max(1, s.batchSize().of(total - canary));
    return 1 + (index - canary) / size;
  }
}
