package dev.flotilla.supervisor.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Small blocking HTTP client for an agent's local monitoring endpoints. Any failure (refused,
 * timeout, unparsable body) is an empty result: the caller treats it as "not reachable now".
 */
public final class MonitoringClient {

  public record Reply(int status, String body) {}

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  public MonitoringClient(HttpClient http, ObjectMapper json, Duration timeout) {
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  public Optional<Reply> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
  }

  public Optional<Reply> post(URI uri, String body) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Optional<JsonNode> getJson(URI uri) {
    return get(uri)
        .filter(r -> r.status() == 200 || r.status() == 500)
        .flatMap(r -> parse(r.body()));
  }

  public Optional<JsonNode> parse(String body) {
    try {
      return Optional.of(json.readTree(body));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<Reply> send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Reply(r.statusCode(), r.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
