package dev.flotilla.server.agents;

import dev.flotilla.opamp.proto.RemoteConfigStatuses;

/** Short names (UNSET, APPLYING, APPLIED, FAILED) used in events and JSON. */
public final class RemoteConfigStatusNames {
  private RemoteConfigStatusNames() {}

  public static String of(RemoteConfigStatuses status) {
    return status == RemoteConfigStatuses.UNRECOGNIZED
        ? "UNKNOWN"
        : status.name().substring("RemoteConfigStatuses_".length());
  }
}
