package dev.flotilla.fleet;

import java.util.List;

/**
 * Config versions, desired state and rollouts: what front ends use to deploy a config to the fleet.
 * The server implements it; {@link HttpFleetClient} calls it over REST. Every method throws {@link
 * FleetException}: NOT_FOUND for an unknown config, version, agent or rollout; UNPROCESSABLE (422
 * over REST) for a bundle with lint errors published without {@code force}; CONFLICT for a rollout
 * that would touch an agent of another active rollout.
 */
public interface Deployments {

  List<ConfigSummary> configs();

  /** Publishes identical content only once: the existing version comes back. */
  VersionCreated publish(String name, PublishRequest request);

  /** Newest first. */
  List<ConfigVersion> versions(String name);

  ConfigVersion version(String name, int version);

  ConfigDiff diff(String name, int from, int to);

  /** The versions the agent was given, newest first. */
  List<AgentConfigHistory> history(String instanceUid);

  /** Makes the version the agent's desired config and offers it. */
  Agent setDesiredConfig(String instanceUid, DesiredConfigRequest request);

  RolloutView startRollout(RolloutRequest request);

  /** Newest first. */
  List<RolloutView> rollouts();

  RolloutView rollout(String id);

  RolloutView pause(String id);

  RolloutView resume(String id);

  RolloutView abort(String id);

  /** Starts a new rollout giving every agent this one changed its previous version. */
  RolloutView rollback(String id);
}
