package dev.flotilla.server.agents;

import java.time.Instant;

/**
 * How an agent is (or was last) connected.
 *
 * @param transport {@code websocket} or {@code http}
 * @param remoteAddress peer address as seen by the server, {@code host:port}
 * @param connectedSince when the current (or last) connection started
 * @param lastSeen when the last message arrived
 * @param connected false once the socket closed, the agent said goodbye, or an HTTP agent went
 *     silent for longer than its liveness window
 */
public record Connection(
    String transport,
    String remoteAddress,
    Instant connectedSince,
    Instant lastSeen,
    boolean connected) {

  public static final String WEBSOCKET = "websocket";
  public static final String HTTP = "http";

  public Connection disconnected() {
    return new Connection(transport, remoteAddress, connectedSince, lastSeen, false);
  }
}
