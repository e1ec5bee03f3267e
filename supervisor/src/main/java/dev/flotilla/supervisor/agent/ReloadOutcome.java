package dev.flotilla.supervisor.agent;

/** What happened when the running agent was asked to reload its config. */
public sealed interface ReloadOutcome {

  /** The agent runs the new config (e.g. Fluent Bit's {@code hot_reload_count} went up). */
  record Reloaded() implements ReloadOutcome {}

  /** The agent refused the new config and still runs the old one. */
  record Halted(String reason) implements ReloadOutcome {}

  /** The agent exited during the reload. */
  record Died(String reason) implements ReloadOutcome {}

  /** No verdict before the deadline: the agent is stuck and must be restarted. */
  record Hung(String reason) implements ReloadOutcome {}

  /** The agent cannot reload in place (disabled, no endpoint); restart it instead. */
  record NeedsRestart(String reason) implements ReloadOutcome {}
}
