package dev.flotilla.server.agents;

import dev.flotilla.opamp.proto.ServerToAgent;

/**
 * The transport binding of a connected agent. A WebSocket link lives as long as the socket; an HTTP
 * link lives for one request and cannot push.
 */
public interface AgentLink {

  /** {@link Connection#WEBSOCKET} or {@link Connection#HTTP}. */
  String transport();

  /** {@code host:port} of the peer. */
  String remoteAddress();

  /** True while a message can still be pushed on this link. */
  boolean isOpen();

  /**
   * Sends a message outside a request/reply exchange.
   *
   * @return false when this link cannot push (HTTP) or is closed; the message then waits for the
   *     next poll
   */
  boolean push(ServerToAgent message);

  /** Closes the link (WebSocket close code and reason); a no-op for HTTP. */
  void close(int code, String reason);
}
