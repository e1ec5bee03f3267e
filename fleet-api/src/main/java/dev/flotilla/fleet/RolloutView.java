package dev.flotilla.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout as every front end sees it.
 *
 * @param state {@code pending}, {@code running}, {@code paused}, {@code completed}, {@code aborted}
 *     or {@code rolled_back}
 * @param reason why it is paused, aborted or rolled back; null otherwise
 * @param rollbackOf the rollout this one rolls back, or null
 * @param counts agents per agent state ({@code pending}, {@code offered}, {@code applied}, {@code
 *     healthy}, {@code failed}, {@code timed_out}, {@code skipped})
 * @param agents one row per agent of the rollout, in rollout order
 */
public record RolloutView(
    String id,
    String config,
    int version,
    String hash,
    Map<String, String> selector,
    RolloutStrategy strategy,
    String state,
    String reason,
    String rollbackOf,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Map<String, Integer> counts,
    List<AgentRow> agents) {

  public static final List<String> STATES =
      List.of("pending", "running", "paused", "completed", "aborted", "rolled_back");
  public static final List<String> AGENT_STATES =
      List.of("pending", "offered", "applied", "healthy", "failed", "timed_out", "skipped");

  public boolean finished() {
    return state.equals("completed") || state.equals("aborted") || state.equals("rolled_back");
  }

  /**
   * @param batch 0 for the canary, then 1, 2, …
   * @param previousVersion what the agent was given before this rollout ({@code name@version}),
   *     null when nothing
   * @param message the agent's error for {@code failed}, or why {@code skipped}
   */
  public record AgentRow(
      String instanceUid,
      int batch,
      String state,
      String message,
      String previousVersion,
      Instant updatedAt) {}
}
