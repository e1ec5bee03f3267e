package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.util.Map;

/**
 * Approval decisions, as stored; they are written with agent rows ({@link AgentStore#saveAgents})
 * through the {@link StoreWriter}, never on their own. Throws {@link
 * dev.flotilla.server.store.StoreException} when the database fails.
 */
public interface ApprovalStore {

  /** Decisions ({@code pending} or {@code blocked}) by agent; absent means approved. */
  Map<InstanceUid, String> loadApprovals();
}
