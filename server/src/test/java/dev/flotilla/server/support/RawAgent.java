package dev.flotilla.server.support;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.KeyValue;
import java.time.Clock;

/** Builds AgentToServer messages for one test agent, numbering them like a real client. */
public final class RawAgent {
  public InstanceUid uid = InstanceUid.newV7(Clock.systemUTC());
  public long seq;
  public long capabilities;

  public RawAgent(long capabilities) {
    this.capabilities = capabilities;
  }

  /** The next message: uid, seq + 1 and capabilities, nothing else. */
  public AgentToServer.Builder next() {
    return AgentToServer.newBuilder()
        .setInstanceUid(uid.toByteString())
        .setSequenceNum(++seq)
        .setCapabilities(capabilities);
  }

  /** The next message with a description. */
  public AgentToServer.Builder full(String serviceName) {
    return next().setAgentDescription(description(serviceName));
  }

  public static AgentDescription description(String serviceName) {
    return AgentDescription.newBuilder()
        .addIdentifyingAttributes(kv("service.name", serviceName))
        .addIdentifyingAttributes(kv("service.version", "5.1.1"))
        .addNonIdentifyingAttributes(kv("host.name", "test-host"))
        .addNonIdentifyingAttributes(kv("os.type", "linux"))
        .build();
  }

  public static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public ByteString uidBytes() {
    return uid.toByteString();
  }
}
