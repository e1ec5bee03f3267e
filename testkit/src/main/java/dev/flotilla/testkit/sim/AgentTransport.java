package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.util.concurrent.CompletableFuture;

/**
 * Carries an agent's messages. Sends are queued in order; at most one is on the wire at a time (the
 * JDK WebSocket forbids overlapping sends and HTTP is half-duplex anyway).
 */
sealed interface AgentTransport permits WebSocketTransport, HttpPollingTransport {

  /** Where a transport delivers what it receives. Called from the HTTP client's threads. */
  interface Sink {
    void onMessage(ServerToAgent message);

    /** The connection ended without {@link #close()} being asked for. */
    void onDropped(String reason, Throwable error);
  }

  /** Connects; HTTP has nothing to connect and completes at once. */
  CompletableFuture<Void> open();

  /**
   * Sends {@code message}. Over WebSocket the future completes once the frame is written; over HTTP
   * once the reply has been handed to the sink.
   */
  CompletableFuture<Void> send(AgentToServer message);

  /** Ends the connection after queued sends; never fails. */
  CompletableFuture<Void> close();

  /** {@code "websocket"} or {@code "http"}, as the server's REST API names them. */
  String name();
}
