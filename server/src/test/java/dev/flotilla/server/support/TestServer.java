package dev.flotilla.server.support;

import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real server on loopback ports chosen by the OS, with helpers to call its REST API. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "admin-secret";
  public static final String AGENT_TOKEN = "agent-secret";

  private final ServerConfig config;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private FlotillaServer server;

  private TestServer(ServerConfig config) {
    this.config = config;
    this.server = FlotillaServer.start(config);
  }

  /** A server without auth, SQLite in {@code dataDir}, tuned by {@code tweak}. */
  public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) {
    ServerConfig base =
        ServerConfig.defaults()
            .withBindAddress("127.0.0.1")
            .withOpampPort(0)
            .withApiPort(0)
            .withDataDir(dataDir)
            .withNoAuth(true)
            .withFlushInterval(Duration.ofMillis(100));
    return new TestServer(tweak.apply(base));
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, c -> c);
  }

  /** Stops and starts again on the same data (new ports). */
  public void restart() {
    server.close();
    server = FlotillaServer.start(config.withOpampPort(0).withApiPort(0));
  }

  public FlotillaServer server() {
    return server;
  }

  public URI opampHttp() {
    return URI.create("http://127.0.0.1:" + server.opampPort() + FlotillaServer.OPAMP_PATH);
  }

  public URI opampWs() {
    return URI.create("ws://127.0.0.1:" + server.opampPort() + FlotillaServer.OPAMP_PATH);
  }

  public String apiBase() {
    return "http://127.0.0.1:" + server.apiPort();
  }

  public HttpResponse<String> api(String method, String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(apiBase() + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> api(String method, String path, String body) {
    return api(method, path, body, config.noAuth() ? null : ADMIN_TOKEN);
  }

  /** GET that must answer 200; returns the parsed JSON. */
  public JsonNode getJson(String path) {
    HttpResponse<String> r = api("GET", path, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }

  public JsonNode json(String text) {
    return json.readTree(text);
  }

  @Override
  public void close() {
    server.close();
  }
}
