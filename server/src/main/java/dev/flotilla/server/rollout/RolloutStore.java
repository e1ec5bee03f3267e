package dev.flotilla.server.rollout;

import java.util.Collection;
import java.util.List;

/**
 * Durable rollouts and their agents, so that a restarted server resumes them where they were. Every
 * method throws {@link dev.flotilla.server.store.StoreException} when the database fails.
 */
public interface RolloutStore {

  /** Every rollout, oldest first. */
  List<Rollout> rollouts();

  /** Every agent row of the rollout, in rollout order. */
  List<RolloutAgent> agents(String rolloutId);

  /** Inserts or replaces the rollout and these rows, in one transaction. */
  void save(Rollout rollout, Collection<RolloutAgent> rows);
}
