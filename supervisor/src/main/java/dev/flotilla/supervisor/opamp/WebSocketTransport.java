package dev.flotilla.supervisor.opamp;

import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** WebSocket over the JDK client: binary frames, each a varint header (0) plus the protobuf. */
final class WebSocketTransport implements Transport {

  private final HttpClient http;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Clock clock;
  private volatile WebSocket socket;
  private volatile boolean closing;

  WebSocketTransport(HttpClient http, URI endpoint, Map<String, String> headers, Clock clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.headers = Map.copyOf(headers);
    this.clock = clock;
  }

  @Override
  public void open(Consumer<ServerToAgent> inbound, Consumer<Throwable> dropped)
      throws TransportException {
    var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    try {
      socket =
          builder.buildAsync(endpoint, new Listener(inbound, dropped)).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        var response = h.getResponse();
        throw new TransportException(
            "WebSocket upgrade to " + endpoint + " answered " + response.statusCode(),
            h,
            RetryAfter.parse(response.headers().firstValue("Retry-After"), clock),
            false);
      }
      throw new TransportException("connecting to " + endpoint + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TransportException("connecting to " + endpoint + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", e);
    }
  }

  @Override
  public void send(AgentToServer message) throws TransportException {
    WebSocket ws = socket;
    if (ws == null || ws.isOutputClosed()) {
      throw new TransportException("WebSocket to " + endpoint + " is closed", null);
    }
    try {
      ws.sendBinary(ByteBuffer.wrap(WebSocketFrames.encode(message)), true)
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new TransportException("sending to " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", e);
    }
  }

  @Override
  public void close() {
    closing = true;
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The peer is gone already; abort below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ws.abort();
  }

  @Override
  public String name() {
    return "websocket";
  }

  private final class Listener implements WebSocket.Listener {
    private final Consumer<ServerToAgent> inbound;
    private final Consumer<Throwable> dropped;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    Listener(Consumer<ServerToAgent> inbound, Consumer<Throwable> dropped) {
      this.inbound = inbound;
      this.dropped = dropped;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.writeBytes(chunk);
      if (last) {
        byte[] frame = partial.toByteArray();
        partial.reset();
        try {
          inbound.accept(WebSocketFrames.decode(frame, ServerToAgent.parser()));
        } catch (Exception e) {
          dropped.accept(new IllegalStateException("malformed ServerToAgent frame", e));
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      if (!closing) {
        dropped.accept(
            new IllegalStateException("server closed with " + statusCode + " " + reason));
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (!closing) {
        dropped.accept(error);
      }
    }
  }
}
