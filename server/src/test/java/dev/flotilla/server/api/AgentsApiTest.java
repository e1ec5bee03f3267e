package dev.flotilla.server.api;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRestartCommand;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsHealth;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/agents}: listing, filters, paging and the per-agent routes, on a real server. */
class AgentsApiTest {
  static final long CAPS =
      Capabilities.of(
          AgentCapabilities_ReportsStatus,
          AgentCapabilities_ReportsHealth,
          AgentCapabilities_AcceptsRemoteConfig,
          AgentCapabilities_ReportsRemoteConfig,
          AgentCapabilities_AcceptsRestartCommand);

  @TempDir Path dir;
  TestServer server;
  OpampHttp http;
  RawAgent alpha;
  RawAgent bravo;
  RawAgent charlie;

  /**
   * alpha: env=prod, healthy, connected, label team=core; bravo: env=staging, unhealthy, connected,
   * label env=prod (must not count: bravo reports env); charlie: no env attribute, no health, said
   * goodbye, label env=prod. alpha polls last.
   */
  @BeforeEach
  void fleet() {
    server = TestServer.start(dir);
    http = new OpampHttp(server.opampHttp());
    alpha = connect("alpha", "prod", health(true));
    bravo = connect("bravo", "staging", health(false));
    charlie = new RawAgent(CAPS);
    http.send(charlie.next().setAgentDescription(description("charlie", null)).build());
    http.send(charlie.next().setAgentDisconnect(AgentDisconnect.getDefaultInstance()).build());
    put(labels(alpha), "{\"team\":\"core\"}", 200);
    put(labels(bravo), "{\"env\":\"prod\"}", 200);
    put(labels(charlie), "{\"env\":\"prod\"}", 200);
    http.send(alpha.next().build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsEveryAgentSortedByNameByDefault() {
    JsonNode page = server.getJson("/api/v1/agents");
    assertThat(names(page)).containsExactly("alpha", "bravo", "charlie");
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("offset").asInt()).isZero();
    assertThat(page.get("limit").asInt()).isEqualTo(100);
    JsonNode a = page.get("items").get(0);
    assertThat(a.get("instanceUid").asString()).isEqualTo(alpha.uid.toString());
    assertThat(a.at("/description/nonIdentifying/env").asString()).isEqualTo("prod");
    assertThat(a.at("/health/healthy").asBoolean()).isTrue();
    assertThat(a.at("/labels/team").asString()).isEqualTo("core");
    assertThat(a.get("capabilities").toString()).contains("AcceptsRestartCommand");
  }

  @Test
  void filtersByConnectedAndHealthy() {
    assertThat(names("connected=true")).containsExactly("alpha", "bravo");
    assertThat(names("connected=false")).containsExactly("charlie");
    assertThat(names("healthy=true")).containsExactly("alpha");
    assertThat(names("healthy=false")).containsExactly("bravo");
    assertThat(names("healthy=true&connected=false")).isEmpty();
    assertError(server.api("GET", "/api/v1/agents?connected=yes", null), 400, "connected");
    assertError(server.api("GET", "/api/v1/agents?healthy=1", null), 400, "healthy");
  }

  @Test
  void selectorMatchesAttributesAndLabelsButALabelNeverOverridesAnAttribute() {
    assertThat(names("selector=env%3Dprod")).containsExactly("alpha", "charlie");
    assertThat(names("selector=env%3Dstaging")).containsExactly("bravo");
    assertThat(names("selector=team%3Dcore")).containsExactly("alpha");
    assertThat(names("selector=env%3Dprod,team%3Dcore")).containsExactly("alpha");
    assertThat(names("selector=service.name%3Dio.fluentbit.fluent-bit"))
        .containsExactly("alpha", "bravo", "charlie");
    assertThat(names("selector=env%3Dnowhere")).isEmpty();
    assertError(server.api("GET", "/api/v1/agents?selector=env", null), 400, "selector");
    assertError(server.api("GET", "/api/v1/agents?selector=%3Dprod", null), 400, "selector");
  }

  @Test
  void textSearchIsCaseInsensitiveOverUidAttributesAndLabels() {
    assertThat(names("q=ALPH")).containsExactly("alpha");
    assertThat(names("q=staging")).containsExactly("bravo");
    assertThat(names("q=team%3Dcore")).containsExactly("alpha");
    String uidPart = charlie.uid.toString().substring(24);
    assertThat(names("q=" + uidPart)).containsExactly("charlie");
    assertThat(names("q=" + uidPart.toUpperCase())).containsExactly("charlie");
    assertThat(names("q=nothing-like-this")).isEmpty();
  }

  @Test
  void sortsByEachKeyAndRefusesUnknownKeys() {
    assertThat(names("sort=name")).containsExactly("alpha", "bravo", "charlie");
    assertThat(names("sort=firstSeen")).containsExactly("alpha", "bravo", "charlie");
    // newest first: alpha polled last, charlie said goodbye after bravo's last message
    assertThat(names("sort=lastSeen")).containsExactly("alpha", "charlie", "bravo");
    List<String> byUid =
        new ArrayList<>(
            List.of(alpha.uid.toString(), bravo.uid.toString(), charlie.uid.toString()));
    byUid.sort(null);
    assertThat(field(server.getJson("/api/v1/agents?sort=instanceUid"), "instanceUid"))
        .containsExactlyElementsOf(byUid);
    assertError(server.api("GET", "/api/v1/agents?sort=health", null), 400, "sort");
  }

  @Test
  void pagesWithOffsetAndLimit() {
    JsonNode page = server.getJson("/api/v1/agents?offset=1&limit=1");
    assertThat(names(page)).containsExactly("bravo");
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("offset").asInt()).isEqualTo(1);
    assertThat(page.get("limit").asInt()).isEqualTo(1);
    assertThat(names(server.getJson("/api/v1/agents?offset=2&limit=5"))).containsExactly("charlie");
    JsonNode beyond = server.getJson("/api/v1/agents?offset=10");
    assertThat(beyond.get("items")).isEmpty();
    assertThat(beyond.get("total").asInt()).isEqualTo(3);
    assertThat(server.getJson("/api/v1/agents?limit=1000").get("items")).hasSize(3);
    JsonNode filtered = server.getJson("/api/v1/agents?connected=true&limit=1");
    assertThat(filtered.get("total").asInt()).isEqualTo(2);

    assertError(server.api("GET", "/api/v1/agents?limit=0", null), 400, "limit");
    assertError(server.api("GET", "/api/v1/agents?limit=1001", null), 400, "limit");
    assertError(server.api("GET", "/api/v1/agents?offset=-1", null), 400, "offset");
    assertError(server.api("GET", "/api/v1/agents?limit=ten", null), 400, "limit");
    assertError(server.api("GET", "/api/v1/agents?offset=99999999999", null), 400, "offset");
  }

  @Test
  void getOneAgent() {
    JsonNode b = server.getJson("/api/v1/agents/" + bravo.uid);
    assertThat(b.get("name").asString()).isEqualTo("bravo");
    assertThat(b.at("/health/healthy").asBoolean()).isFalse();
    assertThat(b.at("/health/lastError").asString()).isEqualTo("broken");
    assertThat(b.at("/connection/transport").asString()).isEqualTo("http");
    assertThat(b.get("sequenceNum").asLong()).isEqualTo(1);
    assertThat(b.get("remoteConfig").isNull()).isTrue();

    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertError(server.api("GET", "/api/v1/agents/" + unknown, null), 404, unknown);
    assertError(server.api("GET", "/api/v1/agents/not-a-uid", null), 400, "not-a-uid");
  }

  @Test
  void labelsAreValidated() {
    String path = labels(alpha);
    JsonNode ok = server.json(put(path, "{\"team\":\"edge\",\"tier\":\"1\"}", 200).body());
    assertThat(ok.at("/labels/team").asString()).isEqualTo("edge");
    assertThat(ok.at("/labels/tier").asString()).isEqualTo("1");
    assertThat(ok.get("labels").size()).isEqualTo(2);

    assertError(put(path, "{\"\":\"x\"}", 400), 400, "labels");
    assertError(put(path, "{\"  \":\"x\"}", 400), 400, "labels");
    assertError(put(path, "{\"" + "k".repeat(129) + "\":\"x\"}", 400), 400, "labels");
    assertError(put(path, "{\"k\":\"" + "v".repeat(257) + "\"}", 400), 400, "labels");
    assertError(put(path, "{\"k\":null}", 400), 400, "labels");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 65; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertError(put(path, many.append('}').toString(), 400), 400, "64");
    assertError(put(path, "[\"a\"]", 400), 400, "JSON");
    assertError(put(path, "{not json", 400), 400, "JSON");
    assertError(put(path, "null", 400), 400, "labels");
    // the edge values are accepted, and a failed edit changed nothing
    put(path, "{\"" + "k".repeat(128) + "\":\"" + "v".repeat(256) + "\"}", 200);
    put(path, "{}", 200);
    assertThat(server.getJson("/api/v1/agents/" + alpha.uid).get("labels").size()).isZero();

    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertError(put("/api/v1/agents/" + unknown + "/labels", "{}", 404), 404, unknown);
    assertError(put("/api/v1/agents/nope/labels", "{}", 400), 400, "nope");
  }

  @Test
  void deleteForgetsTheAgentAndItsHistoryAndItComesBackAsNew() {
    String path = "/api/v1/agents/" + alpha.uid;
    assertThat(server.getJson(path + "/events").get("items").size()).isGreaterThan(1);

    assertThat(server.api("DELETE", path, null).statusCode()).isEqualTo(204);
    assertError(server.api("GET", path, null), 404, alpha.uid.toString());
    assertError(server.api("GET", path + "/events", null), 404, alpha.uid.toString());
    assertThat(names("")).containsExactly("bravo", "charlie");
    assertError(server.api("DELETE", path, null), 404, alpha.uid.toString());
    assertError(server.api("DELETE", "/api/v1/agents/xyz", null), 400, "xyz");

    // The agent does not know it was forgotten: it carries on, and must report everything again.
    var reply = http.send(alpha.next().build());
    assertThat(reply.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
        .isNotZero();
    JsonNode back = server.getJson(path);
    assertThat(back.get("labels").size()).isZero();
    assertThat(back.at("/description/identifying").size()).isZero();
    assertThat(field(server.getJson(path + "/events"), "type")).containsExactly("connected");
    http.send(alpha.next().setAgentDescription(description("alpha", "prod")).build());
    assertThat(names("")).containsExactly("alpha", "bravo", "charlie");
  }

  @Test
  void eventsArePagedNewestFirst() {
    String path = "/api/v1/agents/" + alpha.uid + "/events";
    for (int i = 0; i < 3; i++) {
      http.send(alpha.next().setHealth(health(false)).build());
      http.send(alpha.next().setHealth(health(true)).build());
    }
    put(labels(alpha), "{\"last\":\"yes\"}", 200);

    JsonNode all = server.getJson(path + "?limit=1000");
    assertThat(all.get("nextBefore").isNull()).isTrue();
    List<Long> ids = ids(all);
    assertThat(ids)
        .hasSizeGreaterThanOrEqualTo(9)
        .isSortedAccordingTo((x, y) -> Long.compare(y, x));
    assertThat(all.get("items").get(0).get("type").asString()).isEqualTo("labels_changed");
    assertThat(all.get("items").get(ids.size() - 1).get("type").asString()).isEqualTo("connected");
    assertThat(all.get("items").get(0).get("instanceUid").asString())
        .isEqualTo(alpha.uid.toString());

    List<Long> paged = new ArrayList<>();
    JsonNode page = server.getJson(path + "?limit=4");
    int pages = 1;
    while (true) {
      paged.addAll(ids(page));
      assertThat(page.get("items").size()).isLessThanOrEqualTo(4);
      if (page.get("nextBefore").isNull()) {
        break;
      }
      assertThat(page.get("nextBefore").asLong()).isEqualTo(paged.getLast());
      page = server.getJson(path + "?limit=4&before=" + page.get("nextBefore").asLong());
      pages++;
    }
    assertThat(paged).isEqualTo(ids);
    assertThat(pages).isEqualTo(ids.size() / 4 + 1);
    assertThat(server.getJson(path + "?before=" + ids.getLast()).get("items")).isEmpty();

    assertError(server.api("GET", path + "?limit=0", null), 400, "limit");
    assertError(server.api("GET", path + "?limit=1001", null), 400, "limit");
    assertError(server.api("GET", path + "?before=x", null), 400, "before");
  }

  @Test
  void commandsAreListedWithTheirStatus() {
    String path = "/api/v1/agents/" + alpha.uid + "/commands";
    assertThat(server.getJson(path)).isEmpty();
    HttpResponse<String> queued = server.api("POST", path, "{\"type\":\"restart\"}");
    assertThat(queued.statusCode()).isEqualTo(202);
    JsonNode command = server.json(queued.body());
    assertThat(command.get("status").asString()).isEqualTo("queued");
    assertThat(command.get("type").asString()).isEqualTo("restart");

    JsonNode listed = server.getJson(path);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asLong()).isEqualTo(command.get("id").asLong());
    assertThat(http.send(alpha.next().build()).hasCommand()).isTrue();
    assertThat(server.getJson(path).get(0).get("status").asString()).isEqualTo("sent");

    RawAgent plain = new RawAgent(Capabilities.of(AgentCapabilities_ReportsStatus));
    http.send(plain.full("plain").build());
    String plainPath = "/api/v1/agents/" + plain.uid + "/commands";
    assertError(server.api("POST", plainPath, "{\"type\":\"restart\"}"), 409, "restart");
    assertError(server.api("POST", path, "{\"type\":\"reboot\"}"), 400, "type");
    assertError(server.api("POST", path, "{\"type\":\"custom\"}"), 400, "capability");
    assertError(
        server.api("POST", path, "{\"type\":\"custom\",\"capability\":\"io.x.flush\"}"),
        409,
        "io.x.flush");
    assertError(server.api("POST", path, "null"), 400, "body");
    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertError(server.api("GET", "/api/v1/agents/" + unknown + "/commands", null), 404, unknown);
    assertError(
        server.api("POST", "/api/v1/agents/" + unknown + "/commands", "{\"type\":\"restart\"}"),
        404,
        unknown);
  }

  @Test
  void remoteConfigIsValidated() {
    String path = "/api/v1/agents/" + alpha.uid + "/remote-config";
    assertError(server.api("PUT", path, "{}"), 400, "files");
    assertError(server.api("PUT", path, "{\"files\":{}}"), 400, "files");
    assertError(server.api("PUT", path, "{\"files\":{\"a.conf\":{}}}"), 400, "a.conf");
    assertError(server.api("PUT", path, "{\"files\":{\"a.conf\":null}}"), 400, "a.conf");
    assertError(server.api("PUT", path, "{\"files\":"), 400, "JSON");
    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertError(
        server.api(
            "PUT",
            "/api/v1/agents/" + unknown + "/remote-config",
            "{\"files\":{\"a\":{\"body\":\"x\"}}}"),
        404,
        unknown);
    assertThat(server.getJson("/api/v1/agents/" + alpha.uid).get("remoteConfig").isNull()).isTrue();

    HttpResponse<String> ok =
        server.api(
            "PUT",
            path,
            "{\"files\":{\"fluent-bit.yaml\":{\"body\":\"pipeline: {}\\n\",\"contentType\":\"text/yaml\"}}}");
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode set = server.json(ok.body());
    assertThat(set.get("hash").asString()).matches("[0-9a-f]{64}");
    assertThat(set.at("/files/fluent-bit.yaml/contentType").asString()).isEqualTo("text/yaml");
    JsonNode agent = server.getJson("/api/v1/agents/" + alpha.uid);
    assertThat(agent.at("/remoteConfig/hash").asString()).isEqualTo(set.get("hash").asString());
  }

  @Test
  void unknownRoutesUnderTheApiAnswerTheJsonErrorShape() {
    assertError(server.api("GET", "/api/v1/nothing-here", null), 404, "/api/v1/nothing-here");
    assertError(server.api("GET", "/api/v2/agents", null), 404, "/api/v2/agents");
    assertError(
        server.api("GET", "/api/v1/agents/" + alpha.uid + "/nothing", null), 404, "nothing");
    HttpResponse<String> wrongMethod = server.api("PATCH", "/api/v1/agents", "{}");
    assertThat(wrongMethod.statusCode()).isBetween(400, 499);
    JsonNode error = server.json(wrongMethod.body()).get("error");
    assertThat(error.get("status").asInt()).isEqualTo(wrongMethod.statusCode());
    assertThat(error.get("message").asString()).contains("PATCH");
  }

  // --- helpers

  private RawAgent connect(String name, String env, ComponentHealth health) {
    RawAgent agent = new RawAgent(CAPS);
    http.send(agent.next().setAgentDescription(description(name, env)).setHealth(health).build());
    return agent;
  }

  static AgentDescription description(String instanceId, String env) {
    AgentDescription.Builder d =
        AgentDescription.newBuilder()
            .addIdentifyingAttributes(RawAgent.kv("service.name", "io.fluentbit.fluent-bit"))
            .addIdentifyingAttributes(RawAgent.kv("service.instance.id", instanceId))
            .addNonIdentifyingAttributes(RawAgent.kv("os.type", "linux"));
    if (env != null) {
      d.addNonIdentifyingAttributes(RawAgent.kv("env", env));
    }
    return d.build();
  }

  static ComponentHealth health(boolean healthy) {
    return ComponentHealth.newBuilder()
        .setHealthy(healthy)
        .setStatus(healthy ? "running" : "failing")
        .setLastError(healthy ? "" : "broken")
        .build();
  }

  private static String labels(RawAgent agent) {
    return "/api/v1/agents/" + agent.uid + "/labels";
  }

  private HttpResponse<String> put(String path, String body, int expected) {
    HttpResponse<String> r = server.api("PUT", path, body);
    assertThat(r.statusCode()).as("PUT %s %s: %s", path, body, r.body()).isEqualTo(expected);
    return r;
  }

  private List<String> names(String query) {
    return names(server.getJson("/api/v1/agents?" + query));
  }

  private static List<String> names(JsonNode page) {
    return field(page, "name");
  }

  private static List<String> field(JsonNode pageOrArray, String name) {
    JsonNode items = pageOrArray.isArray() ? pageOrArray : pageOrArray.get("items");
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get(name).asString()));
    return out;
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("id").asLong()));
    return out;
  }

  /** The one error shape: {"error":{"code","message","status"}}. */
  static void assertError(HttpResponse<String> r, int status, String messagePart) {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode error = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body());
    assertThat(error.propertyNames()).containsExactly("error");
    JsonNode e = error.get("error");
    assertThat(e.propertyNames()).containsExactlyInAnyOrder("code", "message", "status");
    assertThat(e.get("status").asInt()).isEqualTo(status);
    assertThat(e.get("code").asString())
        .isEqualTo(dev.flotilla.fleet.FleetException.Kind.fromHttpStatus(status).code());
    assertThat(e.get("message").asString()).contains(messagePart);
  }
}
