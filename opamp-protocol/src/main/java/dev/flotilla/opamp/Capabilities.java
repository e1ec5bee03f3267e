package dev.flotilla.opamp;

import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.ServerCapabilities;
import java.util.ArrayList;
import java.util.List;

/** Bit tests and names for the capability masks, which travel as plain {@code uint64}s. */
public final class Capabilities {
  private Capabilities() {}

  public static boolean has(long bits, AgentCapabilities capability) {
    return (bits & capability.getNumber()) != 0;
  }

  public static long of(AgentCapabilities... capabilities) {
    long bits = 0;
    for (AgentCapabilities c : capabilities) {
      bits |= c.getNumber();
    }
    return bits;
  }

  public static long of(ServerCapabilities... capabilities) {
    long bits = 0;
    for (ServerCapabilities c : capabilities) {
      bits |= c.getNumber();
    }
    return bits;
  }

  /** Names of the agent bits that are set, without the enum prefix (e.g. "AcceptsRemoteConfig"). */
  public static List<String> agentNames(long bits) {
    List<String> names = new ArrayList<>();
    for (AgentCapabilities c : AgentCapabilities.values()) {
      if (c != AgentCapabilities.UNRECOGNIZED
          && c.getNumber() != 0
          && (bits & c.getNumber()) != 0) {
        names.add(c.name().substring("AgentCapabilities_".length()));
      }
    }
    return names;
  }
}
