package dev.flotilla.testkit.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * OpAMP over plain HTTP: each message is a POST whose 200 response carries the reply. The agent
 * polls by sending its heartbeats through here.
 */
final class HttpPollingTransport implements AgentTransport {
  static final String CONTENT_TYPE = "application/x-protobuf";
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Sink sink;
  private final Clock clock;
  private CompletableFuture<Void> tail = DONE; // guarded by this; the last queued exchange

  HttpPollingTransport(
      HttpClient client, URI endpoint, Map<String, String> headers, Sink sink, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    this.headers = headers;
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Void> open() {
    return DONE;
  }

  @Override
  public synchronized CompletableFuture<Void> send(AgentToServer message) {
    CompletableFuture<Void> next = tail.handle((v, e) -> null).thenCompose(v -> post(message));
    tail = next;
    return next;
  }

  private CompletableFuture<Void> post(AgentToServer message) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", CONTENT_TYPE)
            .header(
                "OpAMP-Instance-UID", InstanceUid.fromBytes(message.getInstanceUid()).toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(message.toByteArray()));
    headers.forEach(request::header);
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenAccept(this::receive);
  }

  private void receive(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new HttpStatusException(
          response.statusCode(),
          retryAfter(response).orElse(null),
          "OpAMP POST to " + endpoint + " answered HTTP " + response.statusCode());
    }
    try {
      byte[] body = response.body();
      if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      sink.onMessage(ServerToAgent.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      throw new UncheckedIOException("malformed ServerToAgent from " + endpoint, e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the reply from " + endpoint, e);
    }
  }

  /** {@code Retry-After} as delta-seconds or an HTTP-date. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
              } catch (NumberFormatException notSeconds) {
                try {
                  ZonedDateTime at =
                      ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                  Duration d = Duration.between(clock.instant(), at.toInstant());
                  return d.isNegative() ? Duration.ZERO : d;
                } catch (DateTimeParseException neither) {
                  return null;
                }
              }
            });
  }

  @Override
  public synchronized CompletableFuture<Void> close() {
    return tail.handle((v, e) -> null);
  }

  @Override
  public String name() {
    return "http";
  }

  /** A non-200 answer; {@code retryAfter} is null when the server did not say. */
  static final class HttpStatusException extends RuntimeException {
    private final int status;
    private final transient Duration retryAfter;

    HttpStatusException(int status, Duration retryAfter, String message) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    int status() {
      return status;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }
}
