package dev.flotilla.supervisor.opamp;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Plain HTTP: each message is a POST whose 200 body is the {@link ServerToAgent} reply. */
final class HttpTransport implements Transport {

  private static final String PROTOBUF = "application/x-protobuf";
  private final HttpClient http;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final boolean gzip;
  private final Clock clock;
  private Consumer<ServerToAgent> inbound;

  HttpTransport(
      HttpClient http, URI endpoint, Map<String, String> headers, boolean gzip, Clock clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.headers = Map.copyOf(headers);
    this.gzip = gzip;
    this.clock = clock;
  }

  @Override
  public void open(Consumer<ServerToAgent> inbound, Consumer<Throwable> dropped) {
    this.inbound = inbound;
  }

  @Override
  public void send(AgentToServer message) throws TransportException {
    byte[] body = message.toByteArray();
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", PROTOBUF)
            .header("Accept-Encoding", "gzip")
            .header(
                "OpAMP-Instance-UID", InstanceUid.fromBytes(message.getInstanceUid()).toString());
    headers.forEach(request::header);
    if (gzip) {
      body = gzip(body);
      request.header("Content-Encoding", "gzip");
    }
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransportException("POST " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", e);
    }
    int status = response.statusCode();
    try (InputStream raw = response.body()) {
      if (status == 429 || status == 503) {
        throw new TransportException(
            "POST " + endpoint + " answered " + status,
            null,
            RetryAfter.parse(response.headers().firstValue("Retry-After"), clock),
            false);
      }
      if (status == 413) {
        throw new TransportException(
            "message too large for " + endpoint, null, Optional.empty(), true);
      }
      if (status != 200) {
        throw new TransportException("POST " + endpoint + " answered " + status, null);
      }
      boolean zipped =
          response
              .headers()
              .firstValue("Content-Encoding")
              .map("gzip"::equalsIgnoreCase)
              .orElse(false);
      byte[] bytes = (zipped ? new GZIPInputStream(raw) : raw).readAllBytes();
      inbound.accept(ServerToAgent.parseFrom(bytes));
    } catch (IOException e) {
      throw new TransportException("reading reply from " + endpoint + ": " + e, e);
    }
  }

  private static byte[] gzip(byte[] body) {
    var out = new ByteArrayOutputStream();
    try (var zip = new GZIPOutputStream(out)) {
      zip.write(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {}

  @Override
  public String name() {
    return "http";
  }
}
