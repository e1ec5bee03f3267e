package dev.flotilla.supervisor.opamp;

import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.util.function.Consumer;

/**
 * One OpAMP connection. Called only from the client's loop thread. Replies and pushes go to the
 * {@code inbound} consumer given to {@link #open}, which may be called on any thread.
 */
sealed interface Transport permits HttpTransport, WebSocketTransport {

  /** Connects (WebSocket handshake; nothing for plain HTTP). */
  void open(Consumer<ServerToAgent> inbound, Consumer<Throwable> dropped) throws TransportException;

  /** Sends one message; for plain HTTP the reply has been handed to {@code inbound} on return. */
  void send(AgentToServer message) throws TransportException;

  void close();

  /** "http" or "websocket". */
  String name();
}
