package dev.flotilla.editor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small JSON client for the editor's REST API in tests. Like the page, it sends the token from
 * {@code GET /api/v1/session} on every call but GET.
 */
public final class EditorClient {
  public record Answer(int status, JsonNode body) {
    public String errorCode() {
      return body.path("error").path("code").asString();
    }

    public String errorMessage() {
      return body.path("error").path("message").asString();
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String base;
  private String token;

  public EditorClient(String base) {
    this.base = base;
  }

  public ObjectNode object() {
    return json.createObjectNode();
  }

  public ObjectNode document(String name, String text) {
    return object().put("name", name).put("text", text);
  }

  /** A request body carrying {@code document}, for the calls that take more than a document. */
  public ObjectNode around(ObjectNode document) {
    ObjectNode body = object();
    body.set("document", document);
    return body;
  }

  /** {@code {"document", "edits": [edit]}} with one edit of {@code op}; fill in its fields. */
  public ObjectNode edit(ObjectNode body, String op) {
    return body.putArray("edits").addObject().put("op", op);
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Answer post(String path, Object body) {
    return send(
        withToken(HttpRequest.newBuilder(URI.create(base + path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text(body))));
  }

  public Answer put(String path, Object body) {
    return send(
        withToken(HttpRequest.newBuilder(URI.create(base + path)))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
  }

  private HttpRequest.Builder withToken(HttpRequest.Builder request) {
    if (token == null) {
      String root = base.substring(0, base.lastIndexOf('/'));
      token =
          send(HttpRequest.newBuilder(URI.create(root + "/session")).GET())
              .body()
              .path("csrfToken")
              .asString("");
    }
    return token.isEmpty() ? request : request.header("X-CSRF-Token", token);
  }

  private String text(Object body) {
    return body instanceof String s ? s : json.writeValueAsString(body);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
      return new Answer(r.statusCode(), node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
