package dev.flotilla.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.testkit.launch.StandInExecutable;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone editor has no sign-in: other sites (a cross-site form or {@code text/plain} post)
 * and rebound host names must not reach its API. Requests go over a raw socket so that {@code Host}
 * and {@code Origin} can be anything.
 */
class LocalGuardTest {
  private static final String DOC =
      "{\"name\":\"fluent-bit.conf\",\"text\":\"[INPUT]\\n    Name cpu\\n\"}";
  private final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path folder;
  @TempDir Path bin;
  private EditorServer server;

  record Answer(int status, String head, JsonNode body) {
    String code() {
      return body.path("error").path("code").asString();
    }
  }

  @BeforeEach
  void start() throws Exception {
    Files.writeString(folder.resolve("a.conf"), "[INPUT]\n    Name cpu\n");
    server =
        EditorServer.start(
            "127.0.0.1",
            0,
            EditorSettings.defaults()
                .withFolder(folder)
                .withBinary("fluent-bit", StandInExecutable.fluentBit(bin)),
            Optional.empty(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCrossSiteTextPlainPostDoesNotRunADryRun() throws Exception {
    Answer a =
        send(
            "POST",
            "/api/v1/editor/documents/dry-run",
            headers("Content-Type", "text/plain", "Origin", "https://attacker.example"),
            DOC);
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.code()).isEqualTo("forbidden");
    Answer sameSite =
        send(
            "POST",
            "/api/v1/editor/documents/dry-run",
            headers("Content-Type", "text/plain", "X-CSRF-Token", server.token()),
            DOC);
    assertThat(sameSite.status()).isEqualTo(415);
    assertThat(sameSite.code()).isEqualTo("unsupported_media_type");
    assertThat(sameSite.body().path("error").path("status").asInt()).isEqualTo(415);
  }

  @Test
  void everyCallButGetNeedsThePagesToken() throws Exception {
    assertThat(
            send(
                    "POST",
                    "/api/v1/editor/documents/parse",
                    headers("Content-Type", "application/json"),
                    DOC)
                .status())
        .isEqualTo(403);
    assertThat(
            send(
                    "POST",
                    "/api/v1/editor/documents/parse",
                    headers("Content-Type", "application/json", "X-CSRF-Token", "guess"),
                    DOC)
                .status())
        .isEqualTo(403);
    assertThat(
            send(
                    "PUT",
                    "/api/v1/editor/files/content?path=a.conf",
                    headers("Content-Type", "application/json"),
                    "{\"document\":" + DOC + "}")
                .status())
        .isEqualTo(403);
    Answer ok =
        send(
            "POST",
            "/api/v1/editor/documents/parse",
            headers(
                "Content-Type",
                "application/json; charset=utf-8",
                "X-CSRF-Token",
                server.token(),
                "Origin",
                "http://127.0.0.1:" + server.port()),
            DOC);
    assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
    Answer dry =
        send(
            "POST",
            "/api/v1/editor/documents/dry-run",
            headers("Content-Type", "application/json", "X-CSRF-Token", server.token()),
            DOC);
    assertThat(dry.status()).as(dry.body().toString()).isEqualTo(200);
  }

  @Test
  void thePageLearnsTheTokenFromTheSession() throws Exception {
    Answer session = send("GET", "/api/v1/session", headers(), null);
    assertThat(session.status()).isEqualTo(200);
    assertThat(session.body().path("csrfToken").asString())
        .isEqualTo(server.token())
        .hasSizeGreaterThan(30);
    assertThat(
            send("GET", "/api/v1/session", headers("Origin", "http://evil.example"), null).status())
        .isEqualTo(403);
  }

  @Test
  void aForeignHostIsMisdirected() throws Exception {
    Answer rebound =
        send("GET", "/api/v1/editor/files", headers("Host", "evil.example:" + server.port()), null);
    assertThat(rebound.status()).isEqualTo(421);
    assertThat(rebound.code()).isEqualTo("misdirected_request");
    assertThat(send("GET", "/editor/", headers("Host", "evil.example"), null).status())
        .isEqualTo(421);
    assertThat(
            send("GET", "/api/v1/editor/files", headers("Host", "localhost:" + server.port()), null)
                .status())
        .isEqualTo(200);
    assertThat(
            send(
                    "GET",
                    "/api/v1/editor/files",
                    headers("Host", "127.0.0.1:" + (server.port() + 1)),
                    null)
                .status())
        .isEqualTo(421);
  }

  @Test
  void listeningBeyondLoopbackNeedsAllowRemote() {
    assertThatThrownBy(
            () ->
                EditorServer.start(
                    "0.0.0.0", 0, EditorSettings.defaults(), Optional.empty(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--allow-remote");
    try (EditorServer remote =
        EditorServer.start(
            "0.0.0.0", 0, true, EditorSettings.defaults(), Optional.empty(), Clock.systemUTC())) {
      assertThat(remote.token()).isNotEqualTo(server.token());
    }
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private Answer send(String method, String path, Map<String, String> headers, String body)
      throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", "127.0.0.1:" + server.port());
    all.putAll(headers);
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    all.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("Content-Length: ").append(payload.length).append("\r\n");
    req.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      in.transferTo(got);
      String text = got.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String rest = text.substring(split + 4);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        rest = unchunk(rest);
      }
      int status = Integer.parseInt(head.substring(9, 12));
      JsonNode node =
          rest.isBlank() || !rest.strip().startsWith("{")
              ? json.createObjectNode()
              : json.readTree(rest);
      return new Answer(status, head, node);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
