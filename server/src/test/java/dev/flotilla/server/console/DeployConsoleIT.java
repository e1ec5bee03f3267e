package dev.flotilla.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import dev.flotilla.editor.EditorSettings;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's Configs and Rollouts pages, drift in the fleet table and the agent page, in a real
 * browser against an in-process server and simulated agents.
 */
class DeployConsoleIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String GOOD =
      """
      [SERVICE]
          flush        1
          log_level    info

      [INPUT]
          name         dummy
          tag          app

      [OUTPUT]
          name         stdout
          match        *
      """;
  private static final String TUNED =
      GOOD.replace("flush        1", "flush        5")
          .replace(
              "[OUTPUT]",
              "[FILTER]\n    name         record_modifier\n    match        app\n"
                  + "    record       cluster eu-1\n\n[OUTPUT]");
  private static final String BROKEN = GOOD + "# BROKEN\n";

  @RegisterExtension
  static final ConsoleBrowser chromium = new ConsoleBrowser(Duration.ofSeconds(20));

  private final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path dir;

  @Test
  void configsPageShowsHistoryAndASideBySideDiff() {
    try (TestServer server = TestServer.start(dir)) {
      publish(server, "edge", GOOD, "first cut", 201);
      publish(server, "edge", TUNED, "flush every 5 s, tag the cluster", 201);

      Page page = chromium.open(server, "/#/agents");
      nav(page, "Configs").click();
      Locator row = page.locator("tr[data-config=edge]");
      assertThat(row).containsText("v2");
      assertThat(row.locator("td[data-col=lint]")).hasText(Pattern.compile("Clean|warning"));

      row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("edge")).click();
      assertThat(page.locator("h1")).hasText("edge");
      Locator versions = page.locator("tr[data-version]");
      assertThat(versions).hasCount(2);
      assertThat(versions.first()).containsText("flush every 5 s");
      assertThat(versions.nth(1)).containsText("first cut");
      assertThat(versions.first()).containsText("upload");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
      assertThat(page.locator("h1")).containsText("v1 → v2");
      Locator sbs = page.locator("section[data-file='fluent-bit.conf'] table.sbs");
      assertThat(sbs.locator("td.diff-del").filter(hasText("flush        1"))).not().hasCount(0);
      assertThat(sbs.locator("td.diff-add").filter(hasText("flush        5"))).not().hasCount(0);
      assertThat(sbs.locator("td.diff-add").filter(hasText("record_modifier"))).not().hasCount(0);
      assertThat(page.locator(".diff-summary")).containsText("only in v2");

      page.getByLabel("From").selectOption("2");
      assertThat(page.locator(".diff-summary")).containsText("No differences");

      page.navigate(server.apiBase() + "/#/configs/edge/versions/1");
      assertThat(page.locator("h1")).hasText("edge v1");
      assertThat(page.locator("section.file")).containsText("dummy");
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Roll out…")))
          .isVisible();
    }
  }

  @Test
  void rolloutStartedFromTheConsoleCompletesLive() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent a = fleet.fluentBit("web-1", "4.0.3");
      SimulatedAgent b = fleet.fluentBit("web-2", "4.0.3");
      SimulatedAgent c = fleet.fluentBit("db-1", "4.0.3");
      ConsoleIT.label(server, a, "{\"env\":\"prod\"}");
      ConsoleIT.label(server, b, "{\"env\":\"prod\"}");
      ConsoleIT.label(server, c, "{\"env\":\"dev\"}");
      publish(server, "edge", GOOD, "first cut", 201);

      Page page = chromium.open(server, "/#/configs/edge");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Roll out…")).click();
      assertThat(page.locator("h1")).hasText("Start a rollout");
      assertThat(page.getByLabel("Version")).hasValue("1");
      assertThat(page.locator("#preview-count")).hasText("3");
      page.getByLabel("Selector").fill("env=prod");
      assertThat(page.locator("#preview-count")).hasText("2");
      assertThat(page.locator("#selector-preview")).containsText("web-1");
      assertThat(page.locator("#selector-preview")).not().containsText("db-1");
      page.getByLabel("Pause between batches (seconds)").fill("0");
      page.getByLabel("Healthy for (seconds)").fill("0");
      page.locator("#rollout-form button[type=submit]").click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start rollout"))
          .click();

      assertThat(page.locator("#rollout-state")).hasText("Completed", timeout(WAIT));
      assertThat(page.locator("#rollout-counts li[data-state=healthy]")).containsText("2");
      assertThat(page.locator("#rollout-agents tbody tr")).hasCount(2);
      assertThat(page.locator("#rollout-agents")).containsText("web-1");
      assertThat(page.locator("main .actions button:text-is('Pause')")).hasCount(0);

      nav(page, "Rollouts").click();
      Locator listed = page.locator("tr[data-rollout]");
      assertThat(listed).hasCount(1);
      assertThat(listed).containsText("edge@1");
      assertThat(listed).containsText("env=prod");
      assertThat(listed.locator("td[data-col=state]")).hasText("Completed");

      page.navigate(server.apiBase() + "/#/agents/" + a.instanceUid() + "?tab=config");
      assertThat(page.locator("#drift-state")).hasText("In sync");
      assertThat(page.locator("#config-history")).containsText("edge@1");
      assertThat(page.locator("#config-history")).containsText("Applied");

      // a second rollout over the same agents while one is active is refused with the reason
      publish(server, "edge", TUNED, "second", 201);
      HttpResponse<String> held =
          server.api(
              "POST",
              "/api/v1/rollouts",
              "{\"config\":\"edge\",\"version\":2,\"selector\":{\"env\":\"prod\"},"
                  + "\"strategy\":{\"canary\":1,\"batchSize\":1,\"pauseSeconds\":3600}}");
      Assertions.assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
      page.navigate(server.apiBase() + "/#/rollouts/new?config=edge&version=2");
      page.getByLabel("Selector").fill("env=prod");
      assertThat(page.locator("#preview-count")).hasText("2");
      page.locator("#rollout-form button[type=submit]").click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start rollout"))
          .click();
      assertThat(page.locator("#rollout-error")).containsText("Refused");
    }
  }

  @Test
  void anAutoPausedRolloutShowsItsReasonAndTheActionsWork() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      List<SimulatedAgent> prod = rejectingAgents(server, fleet, 2);
      publish(server, "edge", GOOD, "first cut", 201);
      awaitRollout(
          server,
          startRollout(
              server, "{\"config\":\"edge\",\"version\":1," + "\"selector\":{\"env\":\"prod\"}}"),
          "completed");
      publish(server, "edge", BROKEN, "breaks it", 201);
      String id =
          startRollout(
              server,
              "{\"config\":\"edge\",\"version\":2,\"selector\":{\"env\":\"prod\"},"
                  + "\"strategy\":{\"canary\":1,\"batchSize\":1,\"maxFailures\":0}}");

      Page page = chromium.open(server, "/#/rollouts/" + id);
      assertThat(page.locator("#rollout-state")).hasText("Paused", timeout(WAIT));
      assertThat(page.locator("#rollout-reason")).containsText("failure budget");
      assertThat(page.locator("#rollout-agents tr[data-state=failed]")).hasCount(1);
      assertThat(page.locator("#rollout-agents tr[data-state=failed]"))
          .containsText("config rejected");

      button(page, "Resume").click();
      assertThat(page.locator("#rollout-agents tr[data-state=failed]"))
          .hasCount(
              2,
              new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                  .setTimeout(WAIT.toMillis()));
      assertThat(page.locator("#rollout-state")).hasText("Paused", timeout(WAIT));

      button(page, "Abort").click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Abort"))
          .click();
      assertThat(page.locator("#rollout-state")).hasText("Aborted");

      button(page, "Roll back").click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Roll back"))
          .click();
      assertThat(page.locator("h1")).not().containsText(id);
      assertThat(page.locator(".status-strip")).containsText(id);
      assertThat(page.locator("#rollout-state")).hasText("Completed", timeout(WAIT));
      page.navigate(server.apiBase() + "/#/rollouts/" + id);
      assertThat(page.locator("#rollout-state")).hasText("Rolled back");
      Assertions.assertThat(prod).hasSize(2);
    }
  }

  @Test
  void driftColumnAndFilterShowAFailedAgent() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      List<SimulatedAgent> prod = rejectingAgents(server, fleet, 1);
      SimulatedAgent fine = fleet.fluentBit("web-9", "4.0.3");
      publish(server, "edge", BROKEN, "breaks it", 201);
      String uid = prod.get(0).instanceUid().toString();
      var assigned =
          server.api(
              "POST",
              "/api/v1/agents/" + uid + "/desired-config",
              "{\"config\":\"edge\",\"version\":1}");
      Assertions.assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  server
                      .getJson("/api/v1/agents/" + uid)
                      .at("/drift/state")
                      .asString()
                      .equals("failed"));

      Page page = chromium.open(server, "/#/agents");
      Locator failed = page.locator("tr[data-uid='" + uid + "'] td[data-col=drift]");
      assertThat(failed).containsText("Failed");
      assertThat(failed).containsText("edge@1");
      assertThat(page.locator("tr[data-uid='" + fine.instanceUid() + "'] td[data-col=drift]"))
          .hasText("—");
      page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Drift"))
          .selectOption("true");
      assertThat(page.locator("tr[data-uid]")).hasCount(1);
      assertThat(page.locator("tr[data-uid]")).containsText("prod-0");
      Assertions.assertThat(page.url()).contains("drift=true");

      page.navigate(server.apiBase() + "/#/agents/" + uid + "?tab=config");
      assertThat(page.locator("#drift-state")).hasText("Failed");
      assertThat(page.locator("#drift-detail")).not().hasText("");
      assertThat(page.locator("#config-history")).containsText("Failed");
    }
  }

  @Test
  void aPushWithLintErrorsShowsThemAndCanBeForced() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent agent = fleet.fluentBit("app-1", "4.0.3");
      Page page = chromium.open(server, "/#/agents/" + agent.instanceUid() + "?tab=config");
      page.getByLabel("Body")
          .fill(GOOD.replace("name         dummy", "name         no_such_input_plugin"));
      page.locator("form.push-form button[type=submit]").click();
      page.locator("dialog")
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Push config"))
          .click();
      assertThat(page.locator("#push-error")).containsText("lint errors");
      assertThat(page.locator("#push-error li")).not().hasCount(0);

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Push anyway")).click();
      assertThat(page.locator("#notices")).containsText("past its lint errors");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  server
                      .getJson("/api/v1/agents/" + agent.instanceUid())
                      .at("/remoteConfig/hash")
                      .isString());
    }
  }

  @Test
  void theEditorPublishesAVersionAndHandsItToTheRolloutForm() {
    try (TestServer server = TestServer.start(dir, c -> c.withEditor(EditorSettings.defaults()))) {
      Page page = chromium.open(server, "/editor/");
      page.getByTestId("open-tab-new").click();
      page.getByTestId("new-classic").click();
      page.getByTestId("text-view")
          .fill(GOOD.replace("name         dummy", "name         no_such_input_plugin"));
      page.getByTestId("publish").click();
      Locator dialog = page.getByTestId("publish-dialog");
      dialog.getByTestId("publish-name").fill("edge");
      dialog.getByTestId("publish-message").fill("first try");
      dialog.getByTestId("publish-submit").click();
      assertThat(dialog.getByTestId("publish-error")).containsText("lint errors");
      assertThat(dialog.getByTestId("publish-error").locator("li")).not().hasCount(0);
      dialog.getByTestId("publish-anyway").click();
      assertThat(page.locator("#notices")).containsText("Published edge@1");
      JsonNode v1 = server.getJson("/api/v1/configs/edge/versions/1");
      Assertions.assertThat(v1.at("/lint/forced").asBoolean()).isTrue();
      Assertions.assertThat(v1.at("/message").asString()).isEqualTo("first try");
      Assertions.assertThat(v1.at("/source").asString()).isEqualTo("editor");
      Assertions.assertThat(v1.at("/files/fluent-bit.conf/body").asString())
          .contains("no_such_input_plugin");

      page.getByTestId("text-view").fill(GOOD);
      page.getByTestId("roll-out").click();
      dialog = page.getByTestId("publish-dialog");
      dialog.getByTestId("publish-name").fill("edge");
      dialog.getByTestId("publish-submit").click();
      page.waitForURL(Pattern.compile(".*#/rollouts/new\\?config=edge&version=2$"));
      assertThat(page.getByLabel("Config")).hasValue("edge");
      assertThat(page.getByLabel("Version")).hasValue("2");
      Assertions.assertThat(
              server.getJson("/api/v1/configs/edge/versions/2").at("/lint/errors").asInt())
          .isZero();
    }
  }

  @Test
  void anAgentsEffectiveConfigIsAdoptedAsAVersionAndBecomesItsDesiredOne() {
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      SimulatedAgent agent = fleet.fluentBit("edge-7", "4.0.3");
      Page page = chromium.open(server, "/#/agents/" + agent.instanceUid() + "?tab=config");
      Locator form = page.locator("form.adopt-form");
      form.getByLabel("Config name").fill("edge");
      form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Adopt")).click();
      assertThat(page.locator("#notices")).containsText("edge@1");
      JsonNode v1 = server.getJson("/api/v1/configs/edge/versions/1");
      Assertions.assertThat(v1.at("/source").asString())
          .isEqualTo("adopted:" + agent.instanceUid());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                JsonNode a = server.getJson("/api/v1/agents/" + agent.instanceUid());
                Assertions.assertThat(a.at("/desiredConfig/version").asInt()).isEqualTo(1);
                Assertions.assertThat(a.at("/drift/state").asString()).isEqualTo("none");
              });
    }
  }

  @Test
  void aViewerSeesEverythingButNoWriteButtons() {
    try (TestServer server = TestServer.start(dir, ConsoleIT::withTokens);
        SimFleet fleet = new SimFleet(chromium.env(), server, TestServer.AGENT_TOKEN)) {
      SimulatedAgent agent = fleet.fluentBit("app-3", "4.0.3");
      ConsoleIT.label(server, agent, "{\"env\":\"prod\"}");
      publish(server, "edge", GOOD, "first cut", 201);
      publish(server, "edge", TUNED, "second", 201);
      String id =
          startRollout(
              server,
              "{\"config\":\"edge\",\"version\":1,\"selector\":{\"env\":\"prod\"},"
                  + "\"strategy\":{\"pauseSeconds\":3600}}");

      Page page = chromium.open(server, "/");
      page.getByLabel("API token").fill(ConsoleIT.VIEWER_TOKEN);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      assertThat(page.locator("#role-badge")).hasText("Role: viewer");

      page.navigate(server.apiBase() + "/#/configs/edge");
      assertThat(page.locator("tr[data-version]")).hasCount(2);
      assertThat(page.locator("main a:text-is('Roll out…')")).hasCount(0);
      page.navigate(server.apiBase() + "/#/configs/edge/versions/2");
      assertThat(page.locator("h1")).hasText("edge v2");
      assertThat(page.locator("main a:text-is('Roll out…')")).hasCount(0);

      page.navigate(server.apiBase() + "/#/rollouts");
      assertThat(page.locator("tr[data-rollout]")).hasCount(1);
      assertThat(page.locator("main a:text-is('Start a rollout…')")).hasCount(0);
      page.navigate(server.apiBase() + "/#/rollouts/" + id);
      assertThat(page.locator("#rollout-agents tbody tr")).hasCount(1);
      assertThat(page.locator("main button")).hasCount(0);

      page.navigate(server.apiBase() + "/#/agents/" + agent.instanceUid() + "?tab=config");
      assertThat(page.locator("#config-history")).containsText("edge@1");
      assertThat(page.locator("form.push-form")).hasCount(0);
    }
  }

  /**
   * Regenerates the Configs and Rollouts screenshots in docs/images; runs only with {@code
   * -Dflotilla.screenshots=true}.
   */
  @Test
  @Tag("screenshots")
  @EnabledIfSystemProperty(named = "flotilla.screenshots", matches = "true")
  void screenshots() throws Exception {
    Path out = Path.of(System.getProperty("flotilla.screenshots.dir", "../docs/images"));
    Files.createDirectories(out);
    try (TestServer server = TestServer.start(dir);
        SimFleet fleet = new SimFleet(chromium.env(), server, null)) {
      RemoteConfigBehaviour rejectBroken =
          RemoteConfigBehaviour.matching(Pattern.compile("BROKEN"), null);
      for (int i = 1; i <= 6; i++) {
        String host = "web-0" + i;
        SimulatedAgent agent =
            fleet.start(
                b ->
                    b.description(AgentDescriptions.fluentBit("4.0.3", host))
                        .remoteConfig(rejectBroken),
                true);
        ConsoleIT.label(server, agent, "{\"env\":\"prod\",\"role\":\"web\"}");
      }
      publish(server, "web", GOOD, "Initial web tier config", 201);
      publish(server, "web", TUNED, "Flush every 5 s; tag records with the cluster", 201);
      publish(server, "web", TUNED + BROKEN.substring(GOOD.length()), "Try the new output", 201);
      publish(server, "edge", GOOD, "Edge sites", 201);

      String first =
          startRollout(
              server, "{\"config\":\"web\",\"version\":1,\"selector\":{\"env\":\"prod\"}}");
      awaitRollout(server, first, "completed");
      String second =
          startRollout(
              server,
              "{\"config\":\"web\",\"version\":2,\"selector\":{\"env\":\"prod\"},"
                  + "\"strategy\":{\"canary\":1,\"batchSize\":2}}");
      awaitRollout(server, second, "completed");
      String third =
          startRollout(
              server,
              "{\"config\":\"web\",\"version\":3,\"selector\":{\"env\":\"prod\",\"role\":\"web\"},"
                  + "\"strategy\":{\"canary\":1,\"batchSize\":2,\"maxFailures\":0}}");
      awaitRollout(server, third, "paused");

      Page page = chromium.open(server, "/#/configs");
      assertThat(page.locator("tr[data-config=web] td[data-col=lint]"))
          .hasText(Pattern.compile("Clean|warning"));
      shoot(page, out.resolve("console-configs.png"));
      page.navigate(server.apiBase() + "/#/configs/web/diff?from=1&to=2");
      assertThat(page.locator("table.sbs")).isVisible();
      shoot(page, out.resolve("console-config-diff.png"));
      page.navigate(server.apiBase() + "/#/rollouts/" + third);
      assertThat(page.locator("#rollout-reason")).containsText("failure budget");
      shoot(page, out.resolve("console-rollout.png"));
      page.navigate(server.apiBase() + "/#/rollouts/new?config=web&version=2");
      page.getByLabel("Selector").fill("env=prod");
      assertThat(page.locator("#preview-count")).hasText("6");
      shoot(page, out.resolve("console-rollout-start.png"));
    }
  }

  // ---- helpers

  private List<SimulatedAgent> rejectingAgents(TestServer server, SimFleet fleet, int n) {
    RemoteConfigBehaviour rejectBroken =
        RemoteConfigBehaviour.matching(Pattern.compile("BROKEN"), null);
    List<SimulatedAgent> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      String host = "prod-" + i;
      SimulatedAgent agent =
          fleet.start(
              b ->
                  b.description(AgentDescriptions.fluentBit("4.0.3", host))
                      .remoteConfig(rejectBroken),
              true);
      ConsoleIT.label(server, agent, "{\"env\":\"prod\"}");
      out.add(agent);
    }
    return out;
  }

  private JsonNode publish(
      TestServer server, String name, String conf, String message, int status) {
    String body =
        json.writeValueAsString(
            Map.of(
                "files",
                Map.of("fluent-bit.conf", Map.of("body", conf, "contentType", "text/plain")),
                "message",
                message));
    HttpResponse<String> r = server.api("POST", "/api/v1/configs/" + name + "/versions", body);
    Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json.readTree(r.body());
  }

  private String startRollout(TestServer server, String request) {
    HttpResponse<String> r = server.api("POST", "/api/v1/rollouts", request);
    Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json.readTree(r.body()).get("id").asString();
  }

  private static void awaitRollout(TestServer server, String id, String state) {
    await()
        .atMost(WAIT)
        .until(
            () -> server.getJson("/api/v1/rollouts/" + id).get("state").asString().equals(state));
  }

  private static Locator button(Page page, String name) {
    return page.locator(".agent-head .actions")
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  private static Locator nav(Page page, String name) {
    return page.locator("#nav-list")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  private static com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions timeout(
      Duration d) {
    return new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
        .setTimeout(d.toMillis());
  }

  private static void shoot(Page page, Path file) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(file)
            .setFullPage(true)
            .setAnimations(ScreenshotAnimations.DISABLED));
  }
}
