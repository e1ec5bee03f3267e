package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.ServerToAgent;

/**
 * Observes a simulated agent. One listener may serve thousands of agents, so implementations must
 * be thread-safe and quick: callbacks run on the HTTP client's or the scheduler's threads.
 */
public interface AgentListener {

  AgentListener NONE = new AgentListener() {};

  /** The transport is up and the server answered the agent's first message on it. */
  default void onConnected(SimulatedAgent agent) {}

  /** The connection ended; the agent reconnects unless it was closed. */
  default void onDisconnected(SimulatedAgent agent, String reason) {}

  /**
   * A {@code ServerToAgent} arrived. {@code latencyNanos} is the time since the oldest message
   * still awaiting its reply was sent, or -1 when none was outstanding (a server push). Over
   * WebSocket a push arriving while a reply is due is counted as that reply.
   */
  default void onMessage(SimulatedAgent agent, ServerToAgent message, long latencyNanos) {}

  /** Something failed; {@code attempt} says what the agent was doing. */
  default void onError(SimulatedAgent agent, String attempt, Throwable error) {}
}
