package dev.flotilla.fleet;

import java.util.List;
import java.util.Map;

/**
 * The fleet operations every front end uses: the REST API serves them, {@link HttpFleetClient}
 * calls them remotely, and the CLI, console and MCP tools are written against this interface. Every
 * method throws {@link FleetException} for a failure the caller can act on.
 */
public interface Fleet {

  AgentPage agents(AgentQuery query);

  /** Counts over the whole fleet. */
  FleetSummary summary();

  /**
   * @throws FleetException NOT_FOUND for an unknown uid
   */
  Agent agent(String instanceUid);

  /** Replaces the agent's server-set labels. */
  Agent setLabels(String instanceUid, Map<String, String> labels);

  /** Forgets the agent: its record, history and queued commands. */
  void forget(String instanceUid);

  /** Queues a command; it is delivered at once over WebSocket or on the next HTTP poll. */
  CommandView sendCommand(String instanceUid, CommandRequest request);

  List<CommandView> commands(String instanceUid);

  /**
   * @param before only events with a smaller id; null for the newest
   */
  AgentEventView.Page events(String instanceUid, Long before, int limit);

  /** Sets the config offered to this agent and returns it with its hash. */
  Agent.RemoteConfig setRemoteConfig(String instanceUid, RemoteConfigRequest request);

  /** Lets a pending (or blocked) agent in. */
  Agent approve(String instanceUid);

  /** Refuses the agent on both transports from now on; closes its connection. */
  Agent block(String instanceUid);

  /**
   * Gives the agent a new instance uid on its next exchange (e.g. a cloned machine); returns the
   * uid it will have.
   */
  String issueNewInstanceUid(String instanceUid);

  ServerSettings settings();

  /** Changes the non-null settings and returns all of them. */
  ServerSettings updateSettings(ServerSettings changes);
}
