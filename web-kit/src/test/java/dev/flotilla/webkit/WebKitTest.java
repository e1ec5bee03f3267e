package dev.flotilla.webkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit over real HTTP on loopback, as the console's and the editor's pages load it. */
class WebKitTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  WebKit.configure(cfg);
                  cfg.routes.get(
                      "/api/thing", ctx -> ctx.contentType("application/json").result("{}"));
                  cfg.routes.get(
                      "/api/fails",
                      ctx -> {
                        throw new IllegalStateException("boom");
                      });
                  cfg.routes.exception(
                      IllegalStateException.class,
                      (e, ctx) -> ctx.status(500).contentType("application/json").result("{}"));
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void servesTheSharedFilesUncached() throws Exception {
    for (String file :
        List.of("api.js", "dom.js", "signin.js", "highlight.js", "base.css", "favicon.svg")) {
      HttpResponse<String> r = get("/kit/" + file);
      assertThat(r.statusCode()).as(file).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).as(file).hasValue("no-cache");
      assertThat(r.body()).as(file).isNotBlank();
    }
    assertThat(get("/kit/api.js").headers().firstValue("Content-Type").orElse(""))
        .contains("javascript");
  }

  @Test
  void servesNothingElse() throws Exception {
    assertThat(get("/kit/missing.js").statusCode()).isEqualTo(404);
    assertThat(get("/api.js").statusCode()).isEqualTo(404);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path :
        List.of("/kit/api.js", "/kit/base.css", "/kit/missing.js", "/api/thing", "/api/fails")) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .startsWith("default-src 'self'")
                      .contains("frame-ancestors 'none'")
                      .doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
    }
  }

  @Test
  void answersNoOtherOrigin() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/thing"))
                .header("Origin", "https://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
