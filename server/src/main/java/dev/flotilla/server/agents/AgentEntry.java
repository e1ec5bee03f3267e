package dev.flotilla.server.agents;

import com.google.protobuf.ByteString;
import java.time.Instant;

/**
 * One agent in the in-memory fleet: its current snapshot plus what only matters while the server
 * runs (the live link and what was already offered on it). Guarded by its own monitor: callers hold
 * {@code synchronized (entry)} while reading or changing fields.
 */
public final class AgentEntry {
  AgentRecord record;
  AgentLink link;

  /** Config hash offered since the agent (re)connected; prevents resending an unchanged offer. */
  public ByteString offeredConfigHash = ByteString.EMPTY;

  /** Connection-settings hash offered since the agent (re)connected. */
  public ByteString offeredSettingsHash = ByteString.EMPTY;

  /** Whether the server's custom capabilities went out since the agent (re)connected. */
  public boolean customCapabilitiesSent;

  /**
   * An operator asked for a new instance uid: sent with the next message, then the record moves.
   */
  public dev.flotilla.opamp.InstanceUid pendingNewUid;

  /** When a snapshot of this agent was last handed to the store writer. */
  Instant lastPersisted = Instant.EPOCH;

  AgentEntry(AgentRecord record) {
    this.record = record;
  }

  public AgentRecord record() {
    return record;
  }

  public AgentLink link() {
    return link;
  }

  public void link(AgentLink newLink) {
    link = newLink;
  }

  /** Forgets what was offered: the next reply offers everything again. */
  public void resetOffers() {
    offeredConfigHash = ByteString.EMPTY;
    offeredSettingsHash = ByteString.EMPTY;
    customCapabilitiesSent = false;
  }
}
