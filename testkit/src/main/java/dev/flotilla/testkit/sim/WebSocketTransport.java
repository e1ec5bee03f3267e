package dev.flotilla.testkit.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** OpAMP over a JDK {@link WebSocket}: one binary message per protobuf, with the 0 header. */
final class WebSocketTransport implements AgentTransport, WebSocket.Listener {
  private static final int NORMAL_CLOSURE = 1000;
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final HttpClient client;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Sink sink;

  private volatile WebSocket webSocket;
  private volatile boolean closing;
  private CompletableFuture<Void> tail = DONE; // guarded by this; the last queued send
  private byte[] partial; // only touched by the delivering thread; JDK delivers one at a time
  private volatile CompletableFuture<Void> inputClosed = new CompletableFuture<>();

  WebSocketTransport(HttpClient client, URI endpoint, Map<String, String> headers, Sink sink) {
    this.client = client;
    this.endpoint = endpoint;
    this.headers = headers;
    this.sink = sink;
  }

  @Override
  public CompletableFuture<Void> open() {
    WebSocket previous = webSocket;
    if (previous != null) {
      previous.abort();
    }
    closing = false;
    inputClosed = new CompletableFuture<>();
    synchronized (this) {
      tail = DONE;
      partial = null;
    }
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
    headers.forEach(builder::header);
    return builder.buildAsync(endpoint, this).thenAccept(ws -> webSocket = ws);
  }

  @Override
  public synchronized CompletableFuture<Void> send(AgentToServer message) {
    WebSocket ws = webSocket;
    if (ws == null || ws.isOutputClosed()) {
      return CompletableFuture.failedFuture(new IOException("WebSocket is not open"));
    }
    ByteBuffer frame = ByteBuffer.wrap(WebSocketFrames.encode(message));
    CompletableFuture<Void> next =
        tail.handle((v, e) -> null)
            .thenCompose(v -> ws.sendBinary(frame, true))
            .thenApply(v -> null);
    tail = next;
    return next;
  }

  @Override
  public CompletableFuture<Void> close() {
    closing = true;
    WebSocket ws = webSocket;
    if (ws == null) {
      return DONE;
    }
    CompletableFuture<Void> queued;
    synchronized (this) {
      queued = tail;
    }
    CompletableFuture<Void> serverClosed = inputClosed;
    // Wait briefly for the server's Close before dropping the connection.
    return queued
        .handle((v, e) -> null)
        .thenCompose(v -> ws.sendClose(NORMAL_CLOSURE, "agent shutting down"))
        .handle((v, e) -> null)
        .thenCompose(v -> serverClosed.completeOnTimeout(null, 2, TimeUnit.SECONDS))
        .handle(
            (v, e) -> {
              ws.abort();
              return null;
            });
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public void onOpen(WebSocket ws) {
    webSocket = ws;
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    if (partial == null && last) {
      deliver(ws, data);
    } else {
      byte[] soFar = partial == null ? new byte[0] : partial;
      byte[] joined = Arrays.copyOf(soFar, soFar.length + data.remaining());
      data.get(joined, soFar.length, data.remaining());
      partial = last ? null : joined;
      if (last) {
        deliver(ws, ByteBuffer.wrap(joined));
      }
    }
    ws.request(1);
    return null;
  }

  private void deliver(WebSocket ws, ByteBuffer frame) {
    ServerToAgent message;
    try {
      message = WebSocketFrames.decode(frame, ServerToAgent.parser());
    } catch (InvalidProtocolBufferException e) {
      ws.abort();
      if (!closing) {
        sink.onDropped("malformed ServerToAgent frame", e);
      }
      return;
    }
    sink.onMessage(message);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    ws.request(1); // OpAMP uses binary messages only
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    inputClosed.complete(null);
    if (!closing && ws == webSocket) {
      sink.onDropped("server closed the WebSocket (" + statusCode + " " + reason + ")", null);
    }
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    inputClosed.complete(null);
    if (!closing && ws == webSocket) {
      sink.onDropped("WebSocket failed", error);
    }
  }
}
