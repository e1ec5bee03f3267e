package dev.flotilla.server.agents;

import dev.flotilla.fleet.DesiredConfig;
import dev.flotilla.fleet.Drift;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentRemoteConfig;

/**
 * Which config version each agent should run, as the agent views and the direct push see it. The
 * {@code configs} feature implements it; {@link #NONE} keeps every agent without one.
 */
public interface DesiredState {

  /** The agent's desired version, or null. */
  DesiredConfig desired(InstanceUid uid);

  /** How what the agent reports compares with its desired version. */
  Drift drift(AgentRecord record);

  /**
   * Called before an operator's direct push is offered: checks the config and records it as a
   * version, which becomes the agent's desired config.
   *
   * @param force push even when lint finds errors
   * @param actor who pushed it
   * @throws dev.flotilla.fleet.FleetException UNPROCESSABLE when lint finds errors and {@code
   *     force} is false
   */
  void directPush(InstanceUid uid, AgentRemoteConfig config, boolean force, String actor);

  DesiredState NONE =
      new DesiredState() {
        @Override
        public DesiredConfig desired(InstanceUid uid) {
          return null;
        }

        @Override
        public Drift drift(AgentRecord record) {
          return Drift.NONE;
        }

        @Override
        public void directPush(
            InstanceUid uid, AgentRemoteConfig config, boolean force, String actor) {}
      };
}
