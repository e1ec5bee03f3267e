package dev.flotilla.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link Fleet} and {@link Deployments} over the server's REST API. Thread-safe. */
public final class HttpFleetClient implements Fleet, Deployments {
  private final URI base;
  private final String token;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param baseUrl the operator listener, e.g. {@code http://127.0.0.1:4321}
   * @param token an operator API token, or null when the server runs without auth
   */
  public HttpFleetClient(String baseUrl, String token) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public AgentPage agents(AgentQuery q) {
    List<String> params = new ArrayList<>();
    if (q.connected() != null) {
      params.add("connected=" + q.connected());
    }
    if (q.healthy() != null) {
      params.add("healthy=" + q.healthy());
    }
    if (!q.selector().isEmpty()) {
      params.add(
          "selector="
              + encode(
                  q.selector().entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue())
                      .collect(Collectors.joining(","))));
    }
    if (q.text() != null) {
      params.add("q=" + encode(q.text()));
    }
    if (q.configStatus() != null) {
      params.add("configStatus=" + encode(q.configStatus()));
    }
    if (q.approval() != null) {
      params.add("approval=" + encode(q.approval()));
    }
    if (q.drift() != null) {
      params.add("drift=" + q.drift());
    }
    if (q.sort() != null) {
      params.add("sort=" + encode(q.sort()));
    }
    params.add("offset=" + q.offset());
    params.add("limit=" + q.limit());
    return send("GET", "api/v1/agents?" + String.join("&", params), null, AgentPage.class);
  }

  @Override
  public FleetSummary summary() {
    return send("GET", "api/v1/summary", null, FleetSummary.class);
  }

  @Override
  public Agent agent(String uid) {
    return send("GET", agentPath(uid), null, Agent.class);
  }

  @Override
  public Agent setLabels(String uid, Map<String, String> labels) {
    return send("PUT", agentPath(uid) + "/labels", labels, Agent.class);
  }

  @Override
  public void forget(String uid) {
    send("DELETE", agentPath(uid), null, Void.class);
  }

  @Override
  public CommandView sendCommand(String uid, CommandRequest request) {
    return send("POST", agentPath(uid) + "/commands", request, CommandView.class);
  }

  @Override
  public List<CommandView> commands(String uid) {
    return send("GET", agentPath(uid) + "/commands", null, new TypeReference<>() {});
  }

  @Override
  public AgentEventView.Page events(String uid, Long before, int limit) {
    String query = "?limit=" + limit + (before == null ? "" : "&before=" + before);
    return send("GET", agentPath(uid) + "/events" + query, null, AgentEventView.Page.class);
  }

  @Override
  public Agent.RemoteConfig setRemoteConfig(String uid, RemoteConfigRequest request) {
    return send("PUT", agentPath(uid) + "/remote-config", request, Agent.RemoteConfig.class);
  }

  @Override
  public Agent approve(String uid) {
    return send("POST", agentPath(uid) + "/approve", Map.of(), Agent.class);
  }

  @Override
  public Agent block(String uid) {
    return send("POST", agentPath(uid) + "/block", Map.of(), Agent.class);
  }

  @Override
  public String issueNewInstanceUid(String uid) {
    Map<String, String> answer =
        send("POST", agentPath(uid) + "/new-instance-uid", Map.of(), new TypeReference<>() {});
    return answer.get("newInstanceUid");
  }

  @Override
  public ServerSettings settings() {
    return send("GET", "api/v1/settings", null, ServerSettings.class);
  }

  @Override
  public ServerSettings updateSettings(ServerSettings changes) {
    return send("PUT", "api/v1/settings", changes, ServerSettings.class);
  }

  @Override
  public List<ConfigSummary> configs() {
    return send("GET", "api/v1/configs", null, new TypeReference<>() {});
  }

  @Override
  public VersionCreated publish(String name, PublishRequest request) {
    return send("POST", configPath(name) + "/versions", request, VersionCreated.class);
  }

  @Override
  public List<ConfigVersion> versions(String name) {
    return send("GET", configPath(name) + "/versions", null, new TypeReference<>() {});
  }

  @Override
  public ConfigVersion version(String name, int version) {
    return send("GET", configPath(name) + "/versions/" + version, null, ConfigVersion.class);
  }

  @Override
  public ConfigDiff diff(String name, int from, int to) {
    return send(
        "GET", configPath(name) + "/diff?from=" + from + "&to=" + to, null, ConfigDiff.class);
  }

  @Override
  public List<AgentConfigHistory> history(String uid) {
    return send("GET", agentPath(uid) + "/history", null, new TypeReference<>() {});
  }

  @Override
  public Agent setDesiredConfig(String uid, DesiredConfigRequest request) {
    return send("POST", agentPath(uid) + "/desired-config", request, Agent.class);
  }

  @Override
  public RolloutView startRollout(RolloutRequest request) {
    return send("POST", "api/v1/rollouts", request, RolloutView.class);
  }

  @Override
  public List<RolloutView> rollouts() {
    return send("GET", "api/v1/rollouts", null, new TypeReference<>() {});
  }

  @Override
  public RolloutView rollout(String id) {
    return send("GET", rolloutPath(id), null, RolloutView.class);
  }

  @Override
  public RolloutView pause(String id) {
    return send("POST", rolloutPath(id) + "/pause", Map.of(), RolloutView.class);
  }

  @Override
  public RolloutView resume(String id) {
    return send("POST", rolloutPath(id) + "/resume", Map.of(), RolloutView.class);
  }

  @Override
  public RolloutView abort(String id) {
    return send("POST", rolloutPath(id) + "/abort", Map.of(), RolloutView.class);
  }

  @Override
  public RolloutView rollback(String id) {
    return send("POST", rolloutPath(id) + "/rollback", Map.of(), RolloutView.class);
  }

  private static String configPath(String name) {
    return "api/v1/configs/" + encode(name);
  }

  private static String rolloutPath(String id) {
    return "api/v1/rollouts/" + encode(id);
  }

  private static String agentPath(String uid) {
    return "api/v1/agents/" + encode(uid);
  }

  /** Percent-encodes for a path segment or query value (space as %20, never '+'). */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T send(String method, String path, Object body, Class<T> type) {
    String text = exchange(method, path, body);
    return type == Void.class || text.isEmpty() ? null : read(text, type);
  }

  private <T> T send(String method, String path, Object body, TypeReference<T> type) {
    String text = exchange(method, path, body);
    try {
      return json.readValue(text, type);
    } catch (JacksonException e) {
      throw new FleetException(
          FleetException.Kind.INTERNAL, "unreadable answer from " + base + path, e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JacksonException e) {
      throw new FleetException(FleetException.Kind.INTERNAL, "unreadable answer from " + base, e);
    }
  }

  private String exchange(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new FleetException(
          FleetException.Kind.UNAVAILABLE,
          method + " " + base.resolve(path) + " failed: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException(FleetException.Kind.UNAVAILABLE, "interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw errorFrom(response);
    }
    return response.body();
  }

  private FleetException errorFrom(HttpResponse<String> response) {
    FleetException.Kind kind = FleetException.Kind.fromHttpStatus(response.statusCode());
    try {
      ErrorBody error = json.readValue(response.body(), ErrorBody.class);
      if (error != null && error.error() != null) {
        return new FleetException(kind, error.error().message());
      }
    } catch (JacksonException ignored) {
      // not our error shape; fall through to the status line
    }
    return new FleetException(
        kind, "server answered " + response.statusCode() + " for " + response.uri());
  }
}
