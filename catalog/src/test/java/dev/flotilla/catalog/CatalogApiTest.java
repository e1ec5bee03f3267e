package dev.flotilla.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The standalone catalog's REST API on a real port. */
class CatalogApiTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;
  CatalogServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Files.writeString(
        dir.resolve("edge.conf"),
        "# config_version: 2\n# tags: edge\n@INCLUDE out.conf\n[INPUT]\n    Name cpu\n");
    Files.writeString(dir.resolve("out.conf"), "[OUTPUT]\n    Name stdout\n    Match *\n");
    Files.writeString(dir.resolve("td.conf"), "<match **>\n  @type stdout\n</match>\n");
    Catalog catalog =
        Catalog.of(
            CatalogSettings.of(List.of(new CatalogSettings.Folder(dir)), List.of()),
            dir,
            JSON,
            Clock.systemUTC());
    catalog.refresh();
    server = CatalogServer.start("127.0.0.1", 0, catalog, Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void listsFiltersAndShowsEntries() throws Exception {
    JsonNode all = get("/api/v1/catalog");
    assertThat(all.get("total").asInt()).isEqualTo(2);
    assertThat(all.get("tags").get(0).asString()).isEqualTo("edge");
    assertThat(all.get("editor").isNull()).isTrue();
    assertThat(all.get("mode").asString()).isEqualTo("standalone");
    assertThat(get("/api/v1/catalog?engine=fluentd").get("entries").size()).isEqualTo(1);
    assertThat(get("/api/v1/catalog?tag=edge&q=edge").get("entries").size()).isEqualTo(1);
    assertThat(get("/api/v1/catalog?q=nothing-like-this").get("entries").size()).isZero();

    String id = get("/api/v1/catalog?engine=fluent-bit").get("entries").get(0).get("id").asString();
    JsonNode one = get("/api/v1/catalog/" + id);
    assertThat(one.get("entry").get("path").asString()).isEqualTo("edge.conf");
    assertThat(one.get("files").get(1).get("name").asString()).isEqualTo("out.conf");
    assertThat(one.get("files").get(1).get("text").asString()).contains("stdout");

    assertThat(send("GET", "/api/v1/catalog/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = send("GET", "/api/v1/catalog?lint=maybe");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("lint");
  }

  @Test
  void refreshPicksUpNewFiles() throws Exception {
    Files.writeString(dir.resolve("new.yaml"), "pipeline:\n  inputs:\n    - name: cpu\n");
    HttpResponse<String> r = send("POST", "/api/v1/catalog/refresh");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("total").asInt()).isEqualTo(3);
  }
}
