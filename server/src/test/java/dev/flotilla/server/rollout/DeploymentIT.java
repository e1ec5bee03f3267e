package dev.flotilla.server.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Config versions, desired state, drift and rollouts end to end: a real server on loopback,
 * simulated agents over WebSocket, on SQLite and on PostgreSQL.
 */
class DeploymentIT {
  private static final String VIEWER_TOKEN = "viewer-secret";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String GOOD =
      """
      [SERVICE]
          flush        1

      [INPUT]
          name         dummy
          tag          app

      [OUTPUT]
          name         stdout
          match        *
      """;

  enum Db {
    SQLITE,
    POSTGRESQL
  }

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<SimulatedAgent> agents = new ArrayList<>();
  private SimEnvironment env;
  private TestServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @AfterEach
  void stop() {
    agents.forEach(SimulatedAgent::close);
    if (server != null) {
      server.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void publishesOnceRefusesLintErrorsAndDiffs(Db db) {
    start(db);
    JsonNode v1 = publish("edge", GOOD, false, 201);
    assertThat(v1.get("version").asInt()).isEqualTo(1);
    JsonNode again = publish("edge", GOOD, false, 200);
    assertThat(again.get("version").asInt()).isEqualTo(1);
    assertThat(again.get("hash").asString()).isEqualTo(v1.get("hash").asString());
    JsonNode v2 = publish("edge", GOOD.replace("flush        1", "flush        5"), false, 201);
    assertThat(v2.get("version").asInt()).isEqualTo(2);

    String broken = GOOD.replace("name         dummy", "name         no_such_input_plugin");
    HttpResponse<String> refused = post("/api/v1/configs/edge/versions", body(broken, false));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("lint error").contains("force");
    JsonNode forced = publish("edge", broken, true, 201);
    assertThat(forced.get("version").asInt()).isEqualTo(3);
    assertThat(server.getJson("/api/v1/configs/edge/versions/3").at("/lint/forced").asBoolean())
        .isTrue();
    assertThat(server.getJson("/api/v1/configs/edge/versions/3").at("/lint/errors").asInt())
        .isPositive();

    JsonNode diff = server.getJson("/api/v1/configs/edge/diff?from=1&to=2");
    JsonNode file = diff.get("files").get(0);
    assertThat(file.get("change").asString()).isEqualTo("modified");
    assertThat(file.get("unified").asString())
        .contains("--- a/fluent-bit.conf")
        .contains("+++ b/fluent-bit.conf")
        .contains("-    flush        1")
        .contains("+    flush        5");
    assertThat(server.getJson("/api/v1/configs/edge/versions")).hasSize(3);
    JsonNode configs = server.getJson("/api/v1/configs");
    assertThat(configs.get(0).get("name").asString()).isEqualTo("edge");
    assertThat(configs.get(0).get("latestVersion").asInt()).isEqualTo(3);
    assertThat(server.api("GET", "/api/v1/configs/nope/versions", null).statusCode())
        .isEqualTo(404);
    assertThat(server.getJson("/api/v1/audit").get("events").toString())
        .contains("config.publish")
        .contains("token alice");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void directPushIsLintedAndRecordedAsAVersion(Db db) {
    start(db);
    SimulatedAgent a = agent("prod", b -> b);
    String path = "/api/v1/agents/" + a.instanceUid() + "/remote-config";
    String broken = GOOD.replace("name         dummy", "name         no_such_input_plugin");
    assertThat(server.api("PUT", path, body(broken, false)).statusCode()).isEqualTo(422);
    HttpResponse<String> ok = server.api("PUT", path, body(GOOD, false));
    assertThat(ok.statusCode()).isEqualTo(200);
    String hash = json.readTree(ok.body()).get("hash").asString();
    await()
        .atMost(WAIT)
        .until(() -> agentView(a).at("/remoteConfigStatus/status").asString().equals("APPLIED"));
    JsonNode view = agentView(a);
    assertThat(view.at("/desiredConfig/name").asString()).isEqualTo("agent-" + a.instanceUid());
    assertThat(view.at("/desiredConfig/hash").asString()).isEqualTo(hash);
    assertThat(view.at("/drift/state").asString()).isEqualTo("none");
    await()
        .atMost(WAIT)
        .until(
            () ->
                server
                    .getJson("/api/v1/agents/" + a.instanceUid() + "/history")
                    .get(0)
                    .get("outcome")
                    .asString()
                    .equals("applied"));
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void canaryThenBatchesCompleteOnMatchingAgentsOnly(Db db) {
    start(db);
    List<SimulatedAgent> prod = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      prod.add(agent("prod", b -> b));
    }
    SimulatedAgent dev = agent("dev", b -> b);
    JsonNode v = publish("edge", GOOD, false, 201);
    String id =
        startRollout(
            "{\"config\":\"edge\",\"version\":1,\"selector\":{\"env\":\"prod\"},"
                + "\"strategy\":{\"canary\":\"20%\",\"batchSize\":2,\"healthySeconds\":1}}");
    JsonNode done = awaitState(id, "completed");
    assertThat(done.at("/counts/healthy").asInt()).isEqualTo(5);
    List<Integer> batches = new ArrayList<>();
    done.get("agents").forEach(row -> batches.add(row.get("batch").asInt()));
    assertThat(batches).containsExactly(0, 1, 1, 2, 2);
    for (SimulatedAgent a : prod) {
      JsonNode view = agentView(a);
      assertThat(view.at("/desiredConfig/version").asInt()).isEqualTo(1);
      assertThat(view.at("/remoteConfigStatus/hash").asString())
          .isEqualTo(v.get("hash").asString());
      assertThat(view.at("/drift/state").asString()).isEqualTo("none");
    }
    assertThat(agentView(dev).get("desiredConfig").isNull()).isTrue();
    JsonNode history = server.getJson("/api/v1/agents/" + prod.get(0).instanceUid() + "/history");
    assertThat(history.get(0).get("rolloutId").asString()).isEqualTo(id);
    assertThat(history.get(0).get("outcome").asString()).isEqualTo("applied");
    assertThat(server.getJson("/api/v1/rollouts").get(0).get("id").asString()).isEqualTo(id);
    assertThat(server.api("GET", "/metrics", null).body())
        .contains("flotilla_agents_drifted 0")
        .contains("flotilla_rollouts{state=\"completed\"} 1");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void failureBudgetPausesThenResumeAbortAndRollback(Db db) {
    start(db);
    RemoteConfigBehaviour rejectBroken =
        RemoteConfigBehaviour.matching(Pattern.compile("BROKEN"), null);
    List<SimulatedAgent> prod = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      prod.add(agent("prod", b -> b.remoteConfig(rejectBroken)));
    }
    publish("edge", GOOD, false, 201);
    String first =
        startRollout("{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"}}"); // all at once
    awaitState(first, "completed");
    publish("edge", GOOD + "# BROKEN\n", false, 201);
    String id =
        startRollout(
            "{\"config\":\"edge\",\"version\":2,\"selector\":{\"env\":\"prod\"},"
                + "\"strategy\":{\"canary\":1,\"batchSize\":1,\"maxFailures\":0}}");
    JsonNode paused = awaitState(id, "paused");
    assertThat(paused.get("reason").asString())
        .contains("failure budget")
        .contains("config rejected");
    assertThat(paused.at("/counts/failed").asInt()).isEqualTo(1);
    String failedUid = paused.get("agents").get(0).get("instanceUid").asString();
    await()
        .atMost(WAIT)
        .until(
            () ->
                server
                    .getJson("/api/v1/agents/" + failedUid)
                    .at("/drift/state")
                    .asString()
                    .equals("failed"));
    assertThat(server.api("GET", "/api/v1/agents?drift=true", null).body()).contains(failedUid);

    assertThat(post("/api/v1/rollouts/" + id + "/resume", "{}").statusCode()).isEqualTo(200);
    JsonNode pausedAgain = awaitCount(id, "failed", 2);
    awaitState(id, "paused");
    assertThat(pausedAgain.get("agents").get(1).get("previousVersion").asString())
        .isEqualTo("edge@1");
    JsonNode aborted = json.readTree(post("/api/v1/rollouts/" + id + "/abort", "{}").body());
    assertThat(aborted.get("state").asString()).isEqualTo("aborted");
    assertThat(aborted.at("/counts/skipped").asInt()).isEqualTo(2);
    assertThat(post("/api/v1/rollouts/" + id + "/pause", "{}").statusCode()).isEqualTo(409);

    HttpResponse<String> back = post("/api/v1/rollouts/" + id + "/rollback", "{}");
    assertThat(back.statusCode()).isEqualTo(201);
    String backId = json.readTree(back.body()).get("id").asString();
    JsonNode rolledBack = awaitState(backId, "completed");
    assertThat(rolledBack.get("rollbackOf").asString()).isEqualTo(id);
    assertThat(rolledBack.get("agents")).hasSize(2);
    assertThat(server.getJson("/api/v1/rollouts/" + id).get("state").asString())
        .isEqualTo("rolled_back");
    for (JsonNode row : rolledBack.get("agents")) {
      JsonNode view = server.getJson("/api/v1/agents/" + row.get("instanceUid").asString());
      assertThat(view.at("/desiredConfig/version").asInt()).isEqualTo(1);
      assertThat(view.at("/drift/state").asString()).isEqualTo("none");
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aSupervisorRollbackShowsFailedOnTheNewVersionAndIsNotOfferedItAgain(Db db) {
    start(db);
    SimulatedAgent a =
        agent(
            "prod",
            b -> b.remoteConfig(RemoteConfigBehaviour.rollBackMatching(Pattern.compile("BROKEN"))));
    String a1 = publish("edge", GOOD, false, 201).get("hash").asString();
    String b2 = publish("edge", GOOD + "# BROKEN\n", false, 201).get("hash").asString();
    String desired = "/api/v1/agents/" + a.instanceUid() + "/desired-config";
    assertThat(post(desired, "{\"config\":\"edge\",\"version\":1}").statusCode()).isEqualTo(200);
    await().atMost(WAIT).until(() -> agentView(a).at("/drift/state").asString().equals("none"));
    assertThat(post(desired, "{\"config\":\"edge\",\"version\":2}").statusCode()).isEqualTo(200);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode v = agentView(a);
              return v.at("/drift/state").asString().equals("failed")
                  && v.at("/remoteConfigStatus/status").asString().equals("APPLIED")
                  && v.at("/remoteConfigStatus/hash").asString().equals(a1);
            });
    JsonNode view = agentView(a);
    assertThat(view.at("/desiredConfig/version").asInt()).isEqualTo(2);
    assertThat(view.at("/drift/detail").asString()).contains("edge@2").contains("restored");
    assertThat(view.at("/drift/runningHash").asString()).isEqualTo(a1);
    // the server now offers the version the agent runs, so a reconnect does not retry edge@2
    assertThat(view.at("/remoteConfig/hash").asString()).isEqualTo(a1);
    assertThat(offersOf(a, b2)).isEqualTo(1);
    JsonNode history = server.getJson("/api/v1/agents/" + a.instanceUid() + "/history");
    assertThat(history.get(0).get("outcome").asString()).isEqualTo("failed");
    assertThat(history.get(1).get("outcome").asString()).isEqualTo("applied");
    assertThat(server.api("GET", "/metrics", null).body()).contains("flotilla_agents_drifted 1");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void lateJoinersGetTheVersionOfTheLastCompletedRollout(Db db) {
    start(db);
    agent("prod", b -> b);
    agent("prod", b -> b);
    String hash = publish("edge", GOOD, false, 201).get("hash").asString();
    String id = startRollout("{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"}}");
    awaitState(id, "completed");
    SimulatedAgent late = agent("prod", b -> b);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode v = agentView(late);
              return v.at("/remoteConfigStatus/hash").asString().equals(hash)
                  && v.at("/remoteConfigStatus/status").asString().equals("APPLIED");
            });
    assertThat(agentView(late).at("/desiredConfig/version").asInt()).isEqualTo(1);
    JsonNode rollout = server.getJson("/api/v1/rollouts/" + id);
    assertThat(rollout.get("agents")).hasSize(3);
    assertThat(rollout.get("agents").toString()).contains("joined after the rollout completed");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aRolloutTouchingAnAgentOfAnActiveRolloutIsAConflict(Db db) {
    start(db);
    agent("prod", b -> b.applyDelay(Duration.ofMinutes(10)));
    publish("edge", GOOD, false, 201);
    String id = startRollout("{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"}}");
    HttpResponse<String> conflict =
        post("/api/v1/rollouts", "{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"}}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains(id);
    assertThat(server.getJson("/api/v1/rollouts/" + id).at("/counts/offered").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aRestartedServerResumesTheRolloutWhereItWas(Db db) throws IOException {
    int opamp = freePort();
    int api = freePort();
    String url = storeUrl(db);
    UnaryOperator<ServerConfig> fixed = c -> c.withOpampPort(opamp).withApiPort(api);
    start(url, fixed);
    for (int i = 0; i < 3; i++) {
      agent("prod", b -> b);
    }
    publish("edge", GOOD, false, 201);
    String id =
        startRollout(
            "{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"},"
                + "\"strategy\":{\"canary\":1,\"batchSize\":1,\"pauseSeconds\":3600}}");
    awaitCount(id, "healthy", 1);
    JsonNode before = server.getJson("/api/v1/rollouts/" + id);
    assertThat(before.get("state").asString()).isEqualTo("running");
    assertThat(before.at("/counts/pending").asInt()).isEqualTo(2);
    assertThat(post("/api/v1/rollouts/" + id + "/pause", "{}").statusCode()).isEqualTo(200);

    server.close();
    server = null;
    start(url, fixed);
    JsonNode after = server.getJson("/api/v1/rollouts/" + id);
    assertThat(after.get("state").asString()).isEqualTo("paused");
    assertThat(after.get("agents"))
        .isEqualTo(server.getJson("/api/v1/rollouts/" + id).get("agents"));
    assertThat(after.at("/counts/healthy").asInt()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                agents.stream()
                    .allMatch(a -> agentView(a).at("/connection/connected").asBoolean()));
    assertThat(post("/api/v1/rollouts/" + id + "/resume", "{}").statusCode()).isEqualTo(200);
    // the batch whose pause ran before the restart goes out; the next waits its pause again
    JsonNode resumed = awaitCount(id, "healthy", 2);
    assertThat(resumed.get("state").asString()).isEqualTo("running");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void viewersReadButAreRefusedEveryWrite(Db db) {
    start(db);
    SimulatedAgent a = agent("prod", b -> b);
    publish("edge", GOOD, false, 201);
    String id = startRollout("{\"config\":\"edge\",\"selector\":{\"env\":\"prod\"}}");
    String uid = a.instanceUid().toString();
    List<String[]> writes =
        List.of(
            new String[] {"POST", "/api/v1/configs/edge/versions", body(GOOD + "#x\n", false)},
            new String[] {"POST", "/api/v1/rollouts", "{\"config\":\"edge\"}"},
            new String[] {"POST", "/api/v1/rollouts/" + id + "/pause", "{}"},
            new String[] {"POST", "/api/v1/rollouts/" + id + "/resume", "{}"},
            new String[] {"POST", "/api/v1/rollouts/" + id + "/abort", "{}"},
            new String[] {"POST", "/api/v1/rollouts/" + id + "/rollback", "{}"},
            new String[] {
              "POST", "/api/v1/agents/" + uid + "/desired-config", "{\"config\":\"edge\"}"
            },
            new String[] {"PUT", "/api/v1/agents/" + uid + "/remote-config", body(GOOD, false)});
    for (String[] w : writes) {
      HttpResponse<String> r = server.api(w[0], w[1], w[2], VIEWER_TOKEN);
      assertThat(r.statusCode()).as(w[0] + " " + w[1]).isEqualTo(403);
    }
    assertThat(server.getJson("/api/v1/configs/edge/versions")).hasSize(1);
    assertThat(server.getJson("/api/v1/rollouts")).hasSize(1);
    for (String path :
        List.of(
            "/api/v1/configs",
            "/api/v1/configs/edge/versions",
            "/api/v1/configs/edge/versions/1",
            "/api/v1/configs/edge/diff?from=1&to=1",
            "/api/v1/rollouts",
            "/api/v1/rollouts/" + id,
            "/api/v1/agents/" + uid + "/history")) {
      assertThat(server.api("GET", path, null, VIEWER_TOKEN).statusCode()).as(path).isEqualTo(200);
    }
  }

  // ---- helpers

  private void start(Db db) {
    start(storeUrl(db), c -> c);
  }

  private void start(String url, UnaryOperator<ServerConfig> more) {
    if (env == null) {
      env = SimEnvironment.create(Clock.systemUTC());
    }
    server =
        TestServer.start(
            dir,
            c ->
                more.apply(
                    c.withStore(url)
                        .withNoAuth(false)
                        .withAgentToken(TestServer.AGENT_TOKEN)
                        .withOperatorTokens(
                            List.of(
                                new ServerConfig.OperatorToken(
                                    TestServer.ADMIN_TOKEN, Role.ADMIN, "alice"),
                                new ServerConfig.OperatorToken(
                                    VIEWER_TOKEN, Role.VIEWER, "victor")))
                        .withRolloutTickInterval(Duration.ofMillis(50))));
  }

  private String storeUrl(Db db) {
    if (db == Db.SQLITE) {
      return null;
    }
    String name = "deploy_" + DATABASES.incrementAndGet();
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private SimulatedAgent agent(String env, UnaryOperator<AgentSettings.Builder> customize) {
    InstanceUid uid = InstanceUid.newV7(Clock.systemUTC());
    AgentSettings.Builder b =
        AgentSettings.builder(server.opampWs(), uid)
            .description(AgentDescriptions.fluentBit("4.0.3", "host-" + agents.size()))
            .effectiveConfig(config(GOOD.replace("flush        1", "flush        9")))
            .heartbeatInterval(Duration.ofSeconds(1))
            .receivedLimit(100)
            .bearerToken(TestServer.AGENT_TOKEN);
    SimulatedAgent agent = new SimulatedAgent(customize.apply(b).build(), this.env);
    agents.add(agent);
    try {
      agent.start().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("simulated agent did not connect", e);
    }
    assertThat(
            server
                .api("PUT", "/api/v1/agents/" + uid + "/labels", "{\"env\":\"" + env + "\"}")
                .statusCode())
        .isEqualTo(200);
    return agent;
  }

  private static AgentConfigMap config(String body) {
    return AgentConfigMap.newBuilder()
        .putConfigMap(
            "fluent-bit.conf",
            AgentConfigFile.newBuilder()
                .setBody(com.google.protobuf.ByteString.copyFromUtf8(body))
                .setContentType("text/plain")
                .build())
        .build();
  }

  private String body(String conf, boolean force) {
    return json.writeValueAsString(
        Map.of(
            "files",
            Map.of("fluent-bit.conf", Map.of("body", conf, "contentType", "text/plain")),
            "message",
            "test",
            "force",
            force));
  }

  private JsonNode publish(String name, String conf, boolean force, int status) {
    HttpResponse<String> r = post("/api/v1/configs/" + name + "/versions", body(conf, force));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json.readTree(r.body());
  }

  private String startRollout(String request) {
    HttpResponse<String> r = post("/api/v1/rollouts", request);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json.readTree(r.body()).get("id").asString();
  }

  private JsonNode awaitState(String id, String state) {
    return await()
        .atMost(WAIT)
        .until(
            () -> server.getJson("/api/v1/rollouts/" + id),
            r -> r.get("state").asString().equals(state));
  }

  private JsonNode awaitCount(String id, String agentState, int n) {
    return await()
        .atMost(WAIT)
        .until(
            () -> server.getJson("/api/v1/rollouts/" + id),
            r -> r.at("/counts/" + agentState).asInt() == n);
  }

  private JsonNode agentView(SimulatedAgent a) {
    return server.getJson(
        "/api/v1/agents/" + URLEncoder.encode(a.instanceUid().toString(), StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String body) {
    return server.api("POST", path, body);
  }

  private static long offersOf(SimulatedAgent a, String hash) {
    return a.received().stream()
        .filter(m -> m.hasRemoteConfig())
        .filter(
            m ->
                dev.flotilla.opamp.ConfigHash.hex(m.getRemoteConfig().getConfigHash()).equals(hash))
        .count();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
