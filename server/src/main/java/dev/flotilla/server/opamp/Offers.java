package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.ConnectionSettingsOffers;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.OpAMPConnectionSettings;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.agents.AgentEntry;
import dev.flotilla.server.agents.AgentRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the server offers an agent beyond the acknowledgement: remote config, connection settings
 * and its custom capabilities — each only when the agent's capabilities accept it and only when not
 * already offered since the agent (re)connected. The caller holds the entry's lock.
 */
final class Offers {
  private final Supplier<Duration> heartbeatInterval;
  private volatile OpAMPConnectionSettings opampSettings;
  private volatile ByteString settingsHash;

  /**
   * @param heartbeatInterval read on every offer: a changed interval gives a new settings hash,
   *     which is offered again to every agent that accepts settings
   */
  Offers(Supplier<Duration> heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
    refresh();
  }

  private void refresh() {
    long seconds = Math.max(1, heartbeatInterval.get().toSeconds());
    if (opampSettings == null || opampSettings.getHeartbeatIntervalSeconds() != seconds) {
      OpAMPConnectionSettings settings =
          OpAMPConnectionSettings.newBuilder().setHeartbeatIntervalSeconds(seconds).build();
      settingsHash = sha256(settings.toByteArray());
      opampSettings = settings;
    }
  }

  /**
   * Adds whatever is due to {@code reply}.
   *
   * @return true if anything was added
   */
  boolean addTo(
      ServerToAgent.Builder reply, AgentEntry entry, AgentRecord agent, List<String> customCaps) {
    boolean added = false;
    refresh();
    long caps = agent.capabilities();
    AgentRemoteConfig desired = agent.remoteConfig();
    if (Capabilities.has(caps, AgentCapabilities_AcceptsRemoteConfig)
        && !desired.getConfigHash().isEmpty()) {
      ByteString reported = agent.remoteConfigStatus().getLastRemoteConfigHash();
      ByteString hash = desired.getConfigHash();
      if (!reported.equals(hash) && !entry.offeredConfigHash.equals(hash)) {
        reply.setRemoteConfig(desired);
        entry.offeredConfigHash = hash;
        added = true;
      }
    }
    if (Capabilities.has(caps, AgentCapabilities_AcceptsOpAMPConnectionSettings)
        && !entry.offeredSettingsHash.equals(settingsHash)) {
      reply.setConnectionSettings(
          ConnectionSettingsOffers.newBuilder().setHash(settingsHash).setOpamp(opampSettings));
      entry.offeredSettingsHash = settingsHash;
      added = true;
    }
    if (!customCaps.isEmpty() && !entry.customCapabilitiesSent) {
      reply.setCustomCapabilities(CustomCapabilities.newBuilder().addAllCapabilities(customCaps));
      entry.customCapabilitiesSent = true;
      added = true;
    }
    return added;
  }

  private static ByteString sha256(byte[] bytes) {
    try {
      return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
