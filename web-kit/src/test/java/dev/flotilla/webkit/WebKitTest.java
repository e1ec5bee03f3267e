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

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
