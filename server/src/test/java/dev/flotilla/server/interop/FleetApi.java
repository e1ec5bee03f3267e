package dev.flotilla.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's REST API as the interop tests use it: raw HTTP and JSON, so that they check the wire
 * contract rather than a client library. {@code token} may be null (no auth).
 */
final class FleetApi {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  FleetApi(int port, String token) {
    this.port = port;
    this.token = token;
  }

  Optional<JsonNode> agent(String uid) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/api/v1/agents/" + uid).GET());
    return response.statusCode() == 200
        ? Optional.of(JSON.readTree(response.body()))
        : Optional.empty();
  }

  /** Waits until the agent is listed with {@code pointer} (a JSON pointer) present. */
  JsonNode awaitAgent(String uid, String pointer, Duration patience) {
    return await()
        .atMost(patience)
        .until(() -> agent(uid).filter(a -> !a.at(pointer).isMissingNode()), Optional::isPresent)
        .get();
  }

  List<String> listedUids() throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/api/v1/agents").GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode page = JSON.readTree(response.body());
    assertThat(page.path("total").asInt()).isPositive();
    return page.path("items").valueStream().map(a -> text(a, "/instanceUid")).toList();
  }

  /** Sets a one-file remote config; returns the hash the server answered with. */
  String putConfig(String uid, String name, String body) throws IOException, InterruptedException {
    var request = JSON.createObjectNode();
    request.putObject("files").putObject(name).put("body", body).put("contentType", "text/yaml");
    HttpResponse<String> response =
        send(
            request("/api/v1/agents/" + uid + "/remote-config")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String hash = text(JSON.readTree(response.body()), "/hash");
    assertThat(hash).hasSize(64);
    return hash;
  }

  void awaitApplied(String uid, String hash, Duration patience) {
    await()
        .atMost(patience)
        .untilAsserted(
            () -> {
              JsonNode status = agent(uid).orElseThrow().path("remoteConfigStatus");
              assertThat(text(status, "/status")).isEqualTo("APPLIED");
              assertThat(text(status, "/hash")).isEqualTo(hash);
            });
  }

  static String text(JsonNode node, String pointer) {
    return node.at(pointer).asString("");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
