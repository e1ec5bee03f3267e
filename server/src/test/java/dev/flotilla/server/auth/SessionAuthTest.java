package dev.flotilla.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Console sign-in: a token becomes an HttpOnly session cookie; changes need the CSRF header. */
class SessionAuthTest {
  @TempDir Path dir;

  @Test
  void signInWithATokenThenActWithCookieAndCsrfHeader() throws Exception {
    try (TestServer server = TestServer.start(dir, SessionAuthTest::withTokens)) {
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      String base = server.apiBase();

      assertThat(send(browser, get(base + "/api/v1/session")).statusCode()).isEqualTo(401);
      assertThat(send(browser, post(base + "/api/v1/session", "{\"token\":\"nope\"}")).statusCode())
          .isEqualTo(401);

      HttpResponse<String> signIn =
          send(browser, post(base + "/api/v1/session", "{\"token\":\"operator-t\"}"));
      assertThat(signIn.statusCode()).isEqualTo(200);
      String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
      JsonNode session = server.json(signIn.body());
      assertThat(session.get("role").asString()).isEqualTo("operator");
      String csrf = session.get("csrfToken").asString();
      assertThat(csrf).hasSizeGreaterThan(20);

      assertThat(send(browser, get(base + "/api/v1/agents")).statusCode()).isEqualTo(200);
      assertThat(send(browser, get(base + "/api/v1/session")).statusCode()).isEqualTo(200);
      // A change without the CSRF header is refused, with it accepted.
      HttpResponse<String> noCsrf = send(browser, put(base + "/api/v1/settings", "{}", null));
      assertThat(noCsrf.statusCode()).isEqualTo(403);
      assertThat(server.json(noCsrf.body()).at("/error/message").asString()).contains("CSRF");
      // The operator role may not change settings (admin only), even with the header.
      assertThat(send(browser, put(base + "/api/v1/settings", "{}", csrf)).statusCode())
          .isEqualTo(403);

      HttpResponse<String> out =
          send(
              browser,
              HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                  .DELETE()
                  .header(Sessions.CSRF_HEADER, csrf)
                  .build());
      assertThat(out.statusCode()).isEqualTo(204);
      assertThat(send(browser, get(base + "/api/v1/agents")).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void consoleIsServedAndFeaturesAreListedOnlyWhenEnabled() throws Exception {
    try (TestServer plain = TestServer.start(dir.resolve("a"))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> index = send(http, get(plain.apiBase() + "/"));
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.body()).contains("<html");
      assertThat(plain.getJson("/api/v1/features").get("features").size()).isZero();
      assertThat(plain.getJson("/api/v1/session").get("auth").asBoolean()).isFalse();
      JsonNode declared = plain.getJson("/api/v1/custom-capabilities").get("capabilities");
      assertThat(declared.valueStream().map(c -> c.get("capability").asString()))
          .contains("dev.flotilla.chatops.forward");
    }
    try (TestServer withEditor =
        TestServer.start(
            dir.resolve("b"), c -> c.withFeature("editor", "http://127.0.0.1:4330/"))) {
      JsonNode f = withEditor.getJson("/api/v1/features").get("features").get(0);
      assertThat(f.get("name").asString()).isEqualTo("editor");
      assertThat(f.get("url").asString()).isEqualTo("http://127.0.0.1:4330/");
      assertThat(f.get("mounted").asBoolean()).isFalse();
    }
  }

  private static ServerConfig withTokens(ServerConfig c) {
    return c.withNoAuth(false)
        .withAgentToken(TestServer.AGENT_TOKEN)
        .withOperatorTokens(
            List.of(
                new ServerConfig.OperatorToken(TestServer.ADMIN_TOKEN, Role.ADMIN, "admin"),
                new ServerConfig.OperatorToken("operator-t", Role.OPERATOR, "ops")));
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest put(String url, String body, String csrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      b.header(Sessions.CSRF_HEADER, csrf);
    }
    return b.build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
