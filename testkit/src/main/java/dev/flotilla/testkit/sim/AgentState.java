package dev.flotilla.testkit.sim;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;

/**
 * What an agent reports, and which parts changed since they were last sent (status compression:
 * unchanged parts are omitted). Each part is sent only when the capabilities promise it. All
 * methods are synchronized; the object is small because thousands exist at once.
 */
final class AgentState {
  private static final int DESCRIPTION = 1;
  private static final int HEALTH = 1 << 1;
  private static final int EFFECTIVE_CONFIG = 1 << 2;
  private static final int REMOTE_CONFIG_STATUS = 1 << 3;
  private static final int CUSTOM_CAPABILITIES = 1 << 4;
  private static final int ALL = (1 << 5) - 1;

  private InstanceUid instanceUid;
  private long sequenceNum;
  private long capabilities;
  private AgentDescription description;
  private ComponentHealth health;
  private AgentConfigMap effectiveConfig;
  private RemoteConfigStatus remoteConfigStatus = RemoteConfigStatus.getDefaultInstance();
  private CustomCapabilities customCapabilities;
  private CustomMessage pendingCustomMessage;
  private boolean requestInstanceUid;
  private int changed = ALL;

  AgentState(AgentSettings settings, ComponentHealth health) {
    this.instanceUid = settings.instanceUid();
    this.capabilities = settings.capabilities();
    this.description = settings.description();
    this.health = health;
    this.effectiveConfig = settings.effectiveConfig();
    this.customCapabilities =
        CustomCapabilities.newBuilder().addAllCapabilities(settings.customCapabilities()).build();
    this.requestInstanceUid = settings.requestInstanceUid();
  }

  /**
   * The next message: a new sequence number, capabilities always, and every changed part the
   * capabilities allow; {@code disconnect} adds {@code agent_disconnect}.
   */
  synchronized AgentToServer next(boolean disconnect) {
    AgentToServer.Builder b =
        AgentToServer.newBuilder()
            .setInstanceUid(instanceUid.toByteString())
            .setSequenceNum(++sequenceNum)
            .setCapabilities(capabilities);
    if ((changed & DESCRIPTION) != 0) {
      b.setAgentDescription(description);
    }
    if ((changed & HEALTH) != 0 && has(AgentCapabilities.AgentCapabilities_ReportsHealth)) {
      b.setHealth(health);
    }
    if ((changed & EFFECTIVE_CONFIG) != 0
        && has(AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig)) {
      b.setEffectiveConfig(EffectiveConfig.newBuilder().setConfigMap(effectiveConfig));
    }
    if ((changed & REMOTE_CONFIG_STATUS) != 0
        && has(AgentCapabilities.AgentCapabilities_ReportsRemoteConfig)) {
      b.setRemoteConfigStatus(remoteConfigStatus);
    }
    if ((changed & CUSTOM_CAPABILITIES) != 0 && customCapabilities.getCapabilitiesCount() > 0) {
      b.setCustomCapabilities(customCapabilities);
    }
    if (pendingCustomMessage != null) {
      b.setCustomMessage(pendingCustomMessage);
      pendingCustomMessage = null;
    }
    if (requestInstanceUid) {
      b.setFlags(AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE);
    }
    if (disconnect) {
      b.setAgentDisconnect(AgentDisconnect.getDefaultInstance());
    }
    changed = 0;
    return b.build();
  }

  /** Everything is sent again with the next message (ReportFullState, reconnect, lost message). */
  synchronized void reportFullState() {
    changed = ALL;
  }

  synchronized boolean hasChanges() {
    return changed != 0 || pendingCustomMessage != null;
  }

  synchronized InstanceUid instanceUid() {
    return instanceUid;
  }

  /** Switches to a server-assigned uid; the server is then told everything under the new uid. */
  synchronized void assignInstanceUid(InstanceUid uid) {
    instanceUid = uid;
    requestInstanceUid = false;
    changed = ALL;
  }

  synchronized long sequenceNum() {
    return sequenceNum;
  }

  synchronized long capabilities() {
    return capabilities;
  }

  synchronized boolean has(AgentCapabilities capability) {
    return (capabilities & capability.getNumber()) != 0;
  }

  synchronized void capabilities(long value) {
    capabilities = value;
    changed = ALL; // newly promised parts must reach the server
  }

  synchronized AgentDescription description() {
    return description;
  }

  synchronized void description(AgentDescription value) {
    description = value;
    changed |= DESCRIPTION;
  }

  synchronized ComponentHealth health() {
    return health;
  }

  synchronized void health(ComponentHealth value) {
    health = value;
    changed |= HEALTH;
  }

  synchronized AgentConfigMap effectiveConfig() {
    return effectiveConfig;
  }

  synchronized void effectiveConfig(AgentConfigMap value) {
    effectiveConfig = value;
    changed |= EFFECTIVE_CONFIG;
  }

  synchronized RemoteConfigStatus remoteConfigStatus() {
    return remoteConfigStatus;
  }

  synchronized void remoteConfigStatus(
      RemoteConfigStatuses status, ByteString hash, String errorMessage) {
    remoteConfigStatus =
        RemoteConfigStatus.newBuilder()
            .setStatus(status)
            .setLastRemoteConfigHash(hash)
            .setErrorMessage(errorMessage)
            .build();
    changed |= REMOTE_CONFIG_STATUS;
  }

  synchronized void customMessage(CustomMessage message) {
    pendingCustomMessage = message;
  }
}
