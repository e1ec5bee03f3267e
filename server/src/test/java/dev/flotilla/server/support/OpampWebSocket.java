package dev.flotilla.server.support;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw OpAMP WebSocket client: sends frames as given, queues what the server sends. */
public final class OpampWebSocket implements AutoCloseable {
  public final LinkedBlockingQueue<ServerToAgent> received = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private OpampWebSocket(URI uri, String token) {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    socket = b.buildAsync(uri, new Listener()).join();
  }

  public static OpampWebSocket connect(URI uri) {
    return new OpampWebSocket(uri, null);
  }

  public static OpampWebSocket connect(URI uri, String token) {
    return new OpampWebSocket(uri, token);
  }

  public void send(AgentToServer message) {
    sendRaw(WebSocketFrames.encode(message));
  }

  public void sendRaw(byte[] frame) {
    socket.sendBinary(ByteBuffer.wrap(frame), true).join();
  }

  /** The next message from the server, within 10 s. */
  public ServerToAgent next() {
    try {
      ServerToAgent m = received.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message from the server within 10 s");
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends and returns the reply. */
  public ServerToAgent exchange(AgentToServer message) {
    send(message);
    return next();
  }

  public void abort() {
    socket.abort();
  }

  public int awaitClose() {
    await().atMost(Duration.ofSeconds(10)).until(closeCode::isDone);
    return closeCode.join();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.writeBytes(chunk);
      if (last) {
        byte[] frame = partial.toByteArray();
        partial.reset();
        try {
          if (frame.length == 0 || frame[0] != 0) {
            throw new AssertionError("server sent a frame without the 0 header");
          }
          received.add(WebSocketFrames.decode(frame, ServerToAgent.parser()));
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError("server sent an undecodable frame", e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closeCode.complete(-1);
    }
  }
}
