package dev.flotilla.server.store;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentDetails;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.KeyValue;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.commands.QueuedCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Test records. Times have millisecond precision, as the store keeps them. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");
  private static final Clock CLOCK = Clock.fixed(T0, java.time.ZoneOffset.UTC);

  private Fixtures() {}

  public static InstanceUid uid() {
    return InstanceUid.newV7(CLOCK);
  }

  /** An agent with every part filled in. */
  public static AgentRecord fullAgent(InstanceUid uid, long version) {
    AgentConfigMap config =
        AgentConfigMap.newBuilder()
            .putConfigMap(
                "fluent-bit.yaml",
                AgentConfigFile.newBuilder()
                    .setBody(ByteString.copyFromUtf8("pipeline:\n  inputs:\n    - name: cpu\n"))
                    .setContentType("text/yaml")
                    .build())
            .build();
    ByteString hash = ByteString.copyFrom("hash-" + version, StandardCharsets.UTF_8);
    return new AgentRecord(
        uid,
        42 + version,
        0x1FFFL,
        AgentDescription.newBuilder()
            .addIdentifyingAttributes(kv("service.name", "fluent-bit"))
            .addNonIdentifyingAttributes(kv("host.name", "web-1"))
            .build(),
        ComponentHealth.newBuilder()
            .setHealthy(true)
            .setStatus("running")
            .setStartTimeUnixNano(1_700_000_000_000_000_000L)
            .putComponentHealthMap(
                "input:cpu",
                ComponentHealth.newBuilder().setHealthy(false).setLastError("x").build())
            .build(),
        EffectiveConfig.newBuilder().setConfigMap(config).build(),
        RemoteConfigStatus.newBuilder()
            .setLastRemoteConfigHash(hash)
            .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_FAILED)
            .setErrorMessage("bad output")
            .build(),
        CustomCapabilities.newBuilder().addCapabilities("dev.flotilla.flush").build(),
        AvailableComponents.newBuilder()
            .putComponents(
                "inputs",
                ComponentDetails.newBuilder()
                    .putSubComponentMap(
                        "cpu", ComponentDetails.newBuilder().addMetadata(kv("v", "4.2")).build())
                    .build())
            .setHash(hash)
            .build(),
        Map.of("env", "prod", "team", "logs \"core\""),
        AgentRemoteConfig.newBuilder().setConfig(config).setConfigHash(hash).build(),
        new Connection(
            Connection.WEBSOCKET, "10.0.0.7:51234", T0.plusSeconds(5), T0.plusSeconds(60), true),
        T0,
        version);
  }

  public static AgentRecord withUid(AgentRecord a, InstanceUid uid) {
    return a.toBuilder().instanceUid(uid).build();
  }

  public static AgentEvent event(InstanceUid uid, int n) {
    return AgentEvent.of(
        uid,
        T0.plusMillis(n),
        AgentEvent.HEALTH_CHANGED,
        "health changed " + n,
        Map.of("n", Integer.toString(n), "to", "healthy"));
  }

  public static QueuedCommand restart(InstanceUid uid) {
    return new QueuedCommand(
        0, uid, QueuedCommand.RESTART, null, null, null, QueuedCommand.QUEUED, T0, T0, null);
  }

  public static QueuedCommand custom(InstanceUid uid, String type) {
    return new QueuedCommand(
        0,
        uid,
        QueuedCommand.CUSTOM,
        "dev.flotilla.flush",
        type,
        new byte[] {1, 2, 3},
        QueuedCommand.QUEUED,
        T0,
        T0,
        null);
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
