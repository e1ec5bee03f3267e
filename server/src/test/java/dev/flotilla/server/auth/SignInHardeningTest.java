package dev.flotilla.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API listener's browser hygiene: sign-in only as JSON and at most ten attempts a minute per
 * address, the session cookie's attributes, the security headers on every kind of answer, and no
 * CORS.
 */
class SignInHardeningTest {
  static final String OPERATOR = "operator-t";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-24T10:00:00Z"));
  private FlotillaServer server;

  /** A clock the test moves by hand. */
  static final class SteppedClock extends Clock {
    private volatile Instant now;

    SteppedClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() {
    server =
        FlotillaServer.start(
            ServerConfig.defaults()
                .withBindAddress("127.0.0.1")
                .withOpampPort(0)
                .withApiPort(0)
                .withDataDir(dir)
                .withFlushInterval(Duration.ofMillis(100))
                .withNoAuth(false)
                .withAgentToken(TestServer.AGENT_TOKEN)
                .withOperatorTokens(
                    List.of(new ServerConfig.OperatorToken(OPERATOR, Role.OPERATOR, "ops"))),
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void signInTakesOnlyJson() throws Exception {
    for (String type :
        List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
      HttpResponse<String> r = signIn(type, "{\"token\":\"" + OPERATOR + "\"}");
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      JsonNode error = json.readTree(r.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("unsupported_media_type");
      assertThat(error.path("status").asInt()).isEqualTo(415);
      assertThat(r.headers().firstValue("Set-Cookie")).as(type).isEmpty();
    }
    assertThat(
            signIn("application/json; charset=utf-8", "{\"token\":\"" + OPERATOR + "\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void tenAttemptsAMinutePerAddressThen429() throws Exception {
    for (int i = 0; i < SignInLimiter.DEFAULT_LIMIT; i++) {
      assertThat(signIn("application/json", "{\"token\":\"guess-" + i + "\"}").statusCode())
          .isEqualTo(401);
      clock.advance(Duration.ofSeconds(1));
    }
    HttpResponse<String> limited = signIn("application/json", "{\"token\":\"" + OPERATOR + "\"}");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json.readTree(limited.body()).path("error").path("code").asString())
        .isEqualTo("too_many_requests");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("50");
    assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
    clock.advance(Duration.ofSeconds(50));
    assertThat(signIn("application/json", "{\"token\":\"" + OPERATOR + "\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureOverTls() throws Exception {
    String plain =
        signIn("application/json", "{\"token\":\"" + OPERATOR + "\"}")
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow();
    assertThat(plain)
        .startsWith(Sessions.COOKIE + "=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .doesNotContain("Secure");
    HttpResponse<String> proxied =
        http.send(
            request("/api/v1/session")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + OPERATOR + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("; Secure");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path :
        List.of(
            "/",
            "/index.html",
            "/app.js",
            "/styles.css",
            "/kit/api.js",
            "/api/v1/openapi.json",
            "/api/v1/agents",
            "/api/v1/no-such",
            "/healthz")) {
      HttpResponse<String> r =
          http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .startsWith("default-src 'self'")
                      .contains("frame-ancestors 'none'"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
  }

  @Test
  void noCrossOriginAnswers() throws Exception {
    HttpResponse<String> preflight =
        http.send(
            request("/api/v1/session")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    HttpResponse<String> get =
        http.send(
            request("/api/v1/agents")
                .header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + OPERATOR)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  private HttpResponse<String> signIn(String contentType, String body) throws Exception {
    return http.send(
        request("/api/v1/session")
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + path))
        .timeout(Duration.ofSeconds(20));
  }
}
