package dev.flotilla.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser (Debian's Chromium, headless) against an in-process server and
 * simulated agents. One browser for the class; each test gets a fresh context (no cookies, no
 * storage) and its own server.
 */
class ConsoleIT {
  static final String OPERATOR_TOKEN = "operator-secret";
  static final String VIEWER_TOKEN = "viewer-secret";

  @RegisterExtension
  static final ConsoleBrowser chromium = new ConsoleBrowser(Duration.ofSeconds(15));

  @TempDir Path dir;

  @Test
  void fleetTableLoadsAndFilters() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent web1 = fleet.fluentBit("web-1", "4.0.3");
      fleet.fluentBit("web-2", "4.0.3");
      fleet.fluentd("db-1", "1.17.1");
      label(server, web1, "{\"env\":\"prod\"}");

      Page page = chromium.open(server, "/#/agents");
      Locator rows = page.locator("table.grid tbody tr[data-uid]");
      assertThat(rows).hasCount(3);
      assertThat(page.locator(".summary .count").first()).containsText("3");
      assertThat(rows.filter(new Locator.FilterOptions().setHasText("db-1")))
          .containsText("Fluentd");

      page.getByLabel("Search").fill("web");
      assertThat(rows).hasCount(2);
      assertThat(rows.filter(new Locator.FilterOptions().setHasText("db-1"))).hasCount(0);

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear")).click();
      assertThat(rows).hasCount(3);
      page.getByLabel("Labels / attributes").fill("env=prod");
      page.getByLabel("Labels / attributes").press("Enter");
      assertThat(rows).hasCount(1);
      assertThat(rows.first()).containsText("web-1");
      Assertions.assertThat(page.url()).contains("selector=env%3Dprod");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear")).click();
      page.getByLabel("Connection", new Page.GetByLabelOptions().setExact(true))
          .selectOption("false");
      assertThat(page.locator("td.empty")).containsText("No agents match");
    }
  }

  @Test
  void statusChangeAppearsWithoutReload() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent agent = fleet.fluentBit("app-7", "4.0.3");
      Page page = chromium.open(server, "/#/agents");
      Locator row = page.locator("tr[data-uid='" + agent.instanceUid() + "']");
      assertThat(row.locator("td[data-col=health]")).hasText("Healthy");
      assertThat(page.locator("#live")).hasText("Live");
      page.evaluate("window.__notReloaded = true");

      agent.unhealthy("output forward.0: connection refused", Map.of());

      assertThat(row.locator("td[data-col=health]")).hasText("Unhealthy");
      assertThat(page.locator(".summary a[href='#/agents?healthy=false']")).containsText("1");
      Assertions.assertThat(page.evaluate("window.__notReloaded === true")).isEqualTo(true);
    }
  }

  @Test
  void restartClickedInTheConsoleReachesTheAgent() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent agent = fleet.fluentBit("app-9", "4.0.3");
      Page page = chromium.open(server, "/#/agents");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("app-9")).click();
      assertThat(page.locator("h1")).hasText("app-9");

      page.locator(".agent-head")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restart"))
          .click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restart"))
          .click();

      await().atMost(Duration.ofSeconds(15)).until(() -> agent.restarts() >= 1);
      assertThat(page.locator("#notices")).containsText("Restart command sent");
    }
  }

  @Test
  void approvalFlow() {
    try (TestServer server = TestServer.start(dir, c -> c.withApprovalMode("manual"));
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent welcome = fleet.fluentBit("edge-1", "4.0.3");
      SimulatedAgent stranger = fleet.fluentBit("edge-2", "4.0.3");

      Page page = chromium.open(server, "/#/approvals");
      Locator pending = page.locator("section[aria-labelledby=pending-title] tbody tr");
      Locator blocked = page.locator("section[aria-labelledby=blocked-title] tbody tr");
      assertThat(pending).hasCount(2);
      assertThat(page.locator(".nav .badge")).hasText("2");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve edge-1"))
          .click();
      assertThat(pending).hasCount(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> approval(server, welcome).equals("approved"));

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Block edge-2")).click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Block"))
          .click();
      assertThat(page.locator("section[aria-labelledby=pending-title]"))
          .containsText("No agents are waiting");
      assertThat(blocked).hasCount(1);
      assertThat(blocked.first()).containsText("edge-2");
      Assertions.assertThat(approval(server, stranger)).isEqualTo("blocked");

      // the blocked agent's next message is refused
      stranger.unhealthy("still trying", Map.of());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> stranger.received().stream().anyMatch(m -> m.hasErrorResponse()));
    }
  }

  @Test
  void viewerSeesNoActionsAndIsRefused() {
    try (TestServer server = TestServer.start(dir, ConsoleIT::withTokens);
        SimFleet fleet = new SimFleet(chromium.env(), server, TestServer.AGENT_TOKEN)) {
      SimulatedAgent agent = fleet.fluentBit("app-3", "4.0.3");
      Page page = chromium.open(server, "/");

      page.getByLabel("API token").fill("not-a-token");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      assertThat(page.locator("#signin-error")).containsText("not accepted");

      page.getByLabel("API token").fill(VIEWER_TOKEN);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      assertThat(page.locator("#role-badge")).hasText("Role: viewer");
      assertThat(page.locator("tr[data-uid]")).hasCount(1);

      page.navigate(server.apiBase() + "/#/agents/" + agent.instanceUid());
      assertThat(page.locator("h1")).hasText("app-3");
      assertThat(page.locator(".agent-head button")).hasCount(0);
      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Commands")).click();
      assertThat(page.locator("#command-history")).isVisible();
      assertThat(page.locator("main button:text-is('Restart agent')")).hasCount(0);
      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Overview")).click();
      assertThat(page.locator("form.labels-form")).hasCount(0);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings")).click();
      assertThat(page.getByLabel("Heartbeat interval (seconds)")).isDisabled();
      assertThat(page.locator("main button[type=submit]")).hasCount(0);

      Object status =
          page.evaluate(
              "async (uid) => {"
                  + " const s = await (await fetch('/api/v1/session')).json();"
                  + " const r = await fetch('/api/v1/agents/' + uid + '/commands', {method: 'POST',"
                  + "  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                  + "  body: JSON.stringify({type: 'restart'})});"
                  + " return r.status; }",
              agent.instanceUid().toString());
      Assertions.assertThat(status).isEqualTo(403);
      Assertions.assertThat(agent.restarts()).isZero();

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      assertThat(page.getByLabel("API token")).isVisible();
    }
  }

  @Test
  void navigationShowsTheEditorOnlyWhenEnabled() {
    try (TestServer server = TestServer.start(dir.resolve("plain"))) {
      Page page = chromium.open(server, "/#/agents");
      assertThat(page.locator("h1")).hasText("Fleet");
      assertThat(page.locator(".nav a[data-feature]")).hasCount(0);
      chromium.closeContext();
    }
    try (TestServer server =
        TestServer.start(dir.resolve("editor"), c -> c.withFeature("editor", "/editor/"))) {
      Page page = chromium.open(server, "/#/agents");
      assertThat(page.locator("h1")).hasText("Fleet");
      Locator editor = page.locator(".nav a[data-feature=editor]");
      assertThat(editor).hasCount(1);
      assertThat(editor).hasText("Config editor");
      assertThat(editor).hasAttribute("href", "/editor/");
    }
  }

  @Test
  void configDiffAndHighlighting() {
    try (TestServer server = TestServer.start(dir)) {
      Page page = chromium.open(server, "/#/settings");
      assertThat(page.locator("h1")).hasText("Settings");
      Object diff =
          page.evaluate(
              "async () => { const m = await import('./diff.js');"
                  + " return m.diffLines('a\\nb\\nc\\n', 'a\\nc\\nd\\n')"
                  + ".map(o => o.op + ':' + o.text).join(' '); }");
      Assertions.assertThat(diff).isEqualTo("same:a del:b same:c add:d");
      Object languages =
          page.evaluate(
              "async () => { const m = await import('/kit/highlight.js'); return ["
                  + " m.language('fluent-bit.conf', 'text/plain', '[INPUT]\\n    name tail'),"
                  + " m.language('fluent-bit.yaml', '', 'pipeline:'),"
                  + " m.language('fluent.conf', '', '<source>\\n  @type tail\\n</source>'),"
                  + " m.tokenize('    name  tail', 'classic').map(t => t.t).join(',')"
                  + "].join(' '); }");
      Assertions.assertThat(languages).isEqualTo("classic yaml fluentd ,tok-key,,tok-value");
    }
  }

  /**
   * Pictures of the main pages for the documentation, written to {@code docs/images}. Runs only
   * with {@code -Dflotilla.screenshots=true}.
   */
  @Test
  @Tag("screenshots")
  @EnabledIfSystemProperty(named = "flotilla.screenshots", matches = "true")
  void screenshots() throws Exception {
    Path out = Path.of(System.getProperty("flotilla.screenshots.dir", "../docs/images"));
    Files.createDirectories(out);
    try (TestServer server = TestServer.start(dir, c -> c.withFeature("editor", "/editor/"));
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      for (String host : List.of("web-01", "web-02", "web-03")) {
        label(server, fleet.fluentBit(host, "4.0.3"), "{\"env\":\"prod\",\"role\":\"web\"}");
      }
      SimulatedAgent api =
          fleet.start(
              b ->
                  b.description(AgentDescriptions.fluentBit("4.0.3", "api-01"))
                      .customCapabilities(List.of("dev.flotilla.chatops.forward")),
              true);
      label(server, api, "{\"env\":\"prod\",\"role\":\"api\"}");
      SimulatedAgent db =
          fleet.start(
              b ->
                  b.description(AgentDescriptions.fluentd("1.17.1", "db-01"))
                      .effectiveConfig(SimFleet.config("fluent.conf", FLUENTD_CONF, "text/plain")),
              true);
      label(server, db, "{\"env\":\"prod\",\"role\":\"db\"}");
      SimulatedAgent edge = fleet.fluentBit("edge-01", "3.2.10");
      label(server, edge, "{\"env\":\"edge\",\"site\":\"lisbon\"}");
      edge.unhealthy(
          "output forward.0: connection refused (10.0.4.12:24224)",
          Map.of(
              "input:tail.0",
              ComponentHealth.newBuilder().setHealthy(true).setStatus("running").build(),
              "output:forward.0",
              ComponentHealth.newBuilder()
                  .setHealthy(false)
                  .setStatus("retrying")
                  .setLastError("connection refused (10.0.4.12:24224)")
                  .build()));
      SimulatedAgent batch =
          fleet.start(
              b ->
                  b.description(AgentDescriptions.fluentBit("4.0.3", "batch-01"))
                      .remoteConfig(
                          RemoteConfigBehaviour.failAll(
                              "[output:es:es.0] unknown configuration property 'hosts'")),
              true);
      label(server, batch, "{\"env\":\"staging\",\"role\":\"batch\"}");
      var pushed =
          server.api(
              "PUT",
              "/api/v1/agents/" + batch.instanceUid() + "/remote-config",
              "{\"files\":{\"fluent-bit.conf\":{\"body\":"
                  + quoted(PUSHED_CONF)
                  + ",\"contentType\":\"text/plain\"}}}");
      Assertions.assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
      SimulatedAgent staging =
          fleet.start(
              b ->
                  b.endpoint(server.opampHttp())
                      .description(AgentDescriptions.fluentBit("4.0.2", "staging-01"))
                      .heartbeatInterval(Duration.ofSeconds(5)),
              true);
      label(server, staging, "{\"env\":\"staging\"}");
      fleet.fluentBit("old-01", "3.1.9").close();

      var manual = server.api("PUT", "/api/v1/settings", "{\"approvalMode\":\"manual\"}");
      Assertions.assertThat(manual.statusCode()).as(manual.body()).isEqualTo(200);
      fleet.fluentBit("edge-07", "4.0.3");
      fleet.fluentd("edge-08", "1.17.1");
      SimulatedAgent intruder = fleet.fluentBit("lab-13", "2.2.0");
      var block = server.api("POST", "/api/v1/agents/" + intruder.instanceUid() + "/block", "{}");
      Assertions.assertThat(block.statusCode()).as(block.body()).isEqualTo(200);

      Page page = chromium.open(server, "/#/agents");
      assertThat(page.locator("tr[data-uid]")).hasCount(12);
      assertThat(page.locator("tr[data-uid='" + batch.instanceUid() + "']")).containsText("Failed");
      shoot(page, out.resolve("console-fleet.png"));

      page.navigate(server.apiBase() + "/#/agents/" + batch.instanceUid() + "?tab=config");
      assertThat(page.locator(".diff-summary")).containsText("only in");
      shoot(page, out.resolve("console-agent.png"));

      page.navigate(server.apiBase() + "/#/agents/" + edge.instanceUid() + "?tab=health");
      assertThat(page.locator(".health-tree")).containsText("output:forward.0");
      shoot(page, out.resolve("console-agent-health.png"));

      page.navigate(server.apiBase() + "/#/agents/" + api.instanceUid());
      assertThat(page.locator("h1")).hasText("api-01");
      shoot(page, out.resolve("console-agent-overview.png"));
      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Commands")).click();
      assertThat(page.locator("form.command-form").first()).isVisible();
      shoot(page, out.resolve("console-agent-commands.png"));

      page.navigate(server.apiBase() + "/#/approvals");
      assertThat(page.locator("section[aria-labelledby=pending-title] tbody tr")).hasCount(2);
      shoot(page, out.resolve("console-approvals.png"));

      page.navigate(server.apiBase() + "/#/settings");
      assertThat(page.locator("#server-title")).isVisible();
      assertThat(page.locator(".defs")).not().hasCount(0);
      shoot(page, out.resolve("console-settings.png"));
    }
  }

  private static void shoot(Page page, Path file) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(file)
            .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
  }

  private static final String FLUENTD_CONF =
      """
      <source>
        @type tail
        path /var/log/postgresql/*.log
        pos_file /var/lib/fluentd/postgresql.pos
        tag db.postgres
        <parse>
          @type none
        </parse>
      </source>

      <match db.**>
        @type forward
        <server>
          host aggregator.internal
          port 24224
        </server>
      </match>
      """;

  private static final String PUSHED_CONF =
      """
      [SERVICE]
          flush        5
          log_level    info
          http_server  on

      [INPUT]
          name         tail
          path         /var/log/app/*.log
          tag          app.*

      [FILTER]
          name         record_modifier
          match        app.*
          record       cluster staging-eu

      [OUTPUT]
          name         es
          match        *
          hosts        es-1.internal,es-2.internal
          port         9200
      """;

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  // ---- helpers

  static ServerConfig withTokens(ServerConfig c) {
    return c.withNoAuth(false)
        .withAgentToken(TestServer.AGENT_TOKEN)
        .withOperatorTokens(
            List.of(
                new ServerConfig.OperatorToken(TestServer.ADMIN_TOKEN, Role.ADMIN, "admin"),
                new ServerConfig.OperatorToken(OPERATOR_TOKEN, Role.OPERATOR, "operator"),
                new ServerConfig.OperatorToken(VIEWER_TOKEN, Role.VIEWER, "viewer")));
  }

  static void label(TestServer server, SimulatedAgent agent, String json) {
    var r = server.api("PUT", "/api/v1/agents/" + agent.instanceUid() + "/labels", json);
    Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static String approval(TestServer server, SimulatedAgent agent) {
    return server.getJson("/api/v1/agents/" + agent.instanceUid()).path("approval").asString();
  }
}
