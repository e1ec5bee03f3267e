package dev.flotilla.server.mcp;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentConfigHistory;
import dev.flotilla.fleet.ConfigDiff;
import dev.flotilla.fleet.ConfigSummary;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.DesiredConfigRequest;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.VersionCreated;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.configs.ConfigVersions;
import dev.flotilla.server.rollout.RolloutEngine;
import java.util.List;

/**
 * {@link Deployments} inside the server, acting as one actor: what the REST routes of configs and
 * rollouts do, without HTTP. The actor is recorded with every change.
 */
final class LocalDeployments implements Deployments {
  private final ConfigVersions versions;
  private final RolloutEngine rollouts;
  private final Fleet fleet;
  private final String actor;

  LocalDeployments(ConfigVersions versions, RolloutEngine rollouts, Fleet fleet, String actor) {
    this.versions = versions;
    this.rollouts = rollouts;
    this.fleet = fleet;
    this.actor = actor;
  }

  @Override
  public List<ConfigSummary> configs() {
    return versions.configs();
  }

  @Override
  public VersionCreated publish(String name, PublishRequest request) {
    return versions.publish(name, request, actor);
  }

  @Override
  public List<ConfigVersion> versions(String name) {
    return versions.versions(name);
  }

  @Override
  public ConfigVersion version(String name, int version) {
    return versions.version(name, version);
  }

  @Override
  public ConfigDiff diff(String name, int from, int to) {
    return versions.diff(name, from, to);
  }

  @Override
  public List<AgentConfigHistory> history(String instanceUid) {
    return versions.history(instanceUid);
  }

  @Override
  public Agent setDesiredConfig(String instanceUid, DesiredConfigRequest request) {
    if (request == null || request.config() == null) {
      throw new FleetException(FleetException.Kind.BAD_REQUEST, "config: required");
    }
    ConfigVersion v =
        request.version() <= 0
            ? versions.latest(request.config())
            : versions.version(request.config(), request.version());
    versions.assign(uid(instanceUid), v, null, actor);
    versions.audit(actor, "agent.desired-config", instanceUid, v.name() + "@" + v.version());
    return fleet.agent(instanceUid);
  }

  private static InstanceUid uid(String text) {
    try {
      return InstanceUid.parse(text);
    } catch (IllegalArgumentException e) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST, "not an instance uid: '" + text + "'");
    }
  }

  @Override
  public RolloutView startRollout(RolloutRequest request) {
    return rollouts.start(request, actor);
  }

  @Override
  public List<RolloutView> rollouts() {
    return rollouts.list();
  }

  @Override
  public RolloutView rollout(String id) {
    return rollouts.view(id);
  }

  @Override
  public RolloutView pause(String id) {
    return rollouts.pause(id, actor);
  }

  @Override
  public RolloutView resume(String id) {
    return rollouts.resume(id, actor);
  }

  @Override
  public RolloutView abort(String id) {
    return rollouts.abort(id, actor);
  }

  @Override
  public RolloutView rollback(String id) {
    return rollouts.rollback(id, actor);
  }
}
