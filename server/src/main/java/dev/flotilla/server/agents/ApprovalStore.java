package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;
import java.util.Map;

/**
 * Approval decisions. Throws {@link dev.flotilla.server.store.StoreException} when the database
 * fails.
 */
public interface ApprovalStore {

  /** Decisions ({@code pending} or {@code blocked}) by agent; absent means approved. */
  Map<InstanceUid, String> loadApprovals();

  /**
   * Records a decision.
   *
   * @param state {@code pending} or {@code blocked}; null removes the row (approved)
   */
  void saveApproval(InstanceUid uid, String state, Instant at);
}
