package dev.flotilla.server.configs;

import dev.flotilla.fleet.ConfigSummary;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable config versions, what each agent was given, and the audit trail of operator actions on
 * them. Every method throws {@link dev.flotilla.server.store.StoreException} when the database
 * fails.
 */
public interface ConfigStore {

  List<ConfigSummary> configs();

  /** Newest first. */
  List<ConfigVersion> versions(String name);

  Optional<ConfigVersion> version(String name, int version);

  /** The version of {@code name} with these contents, if one was published. */
  Optional<ConfigVersion> withHash(String name, String hash);

  /** Stores {@code v} as the next version of its name (its {@code version} is ignored). */
  ConfigVersion insertNext(ConfigVersion v);

  /** Stores a new assignment and returns it with its id. */
  Assignment insert(Assignment a);

  void updateOutcome(Assignment a);

  /** The newest assignment of every agent (its desired config). */
  List<Assignment> latest();

  /** The newest assignment with outcome {@code applied} of every agent. */
  List<Assignment> latestApplied();

  /** Newest first. */
  List<Assignment> history(InstanceUid uid, int limit);

  void audit(Instant at, String actor, String action, String target, String detail);

  /**
   * @param at when
   * @param actor who
   * @param action e.g. {@code config.publish}, {@code rollout.pause}
   */
  record AuditEvent(
      long id, Instant at, String actor, String action, String target, String detail) {}

  /** Newest first. */
  List<AuditEvent> auditEvents(int limit);
}
