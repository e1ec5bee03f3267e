package dev.flotilla.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.flotilla.testkit.browser.Chromium;
import dev.flotilla.testkit.launch.StandInExecutable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor's page in a real browser (Debian's Chromium, headless) against an in-process
 * standalone editor with a folder of config files and an overlay schema folder. One browser for the
 * class; each test gets a fresh context and its own editor.
 */
class EditorIT {
  static final String CLASSIC =
      """
      # a comment that must survive
      [SERVICE]
          Flush        1
          HTTP_Server  On
          Hot_Reload   On

      [INPUT]
          Name           tail
          Tag            app.*
          Path           /var/log/app.log
          Mem_Buf_Limit  16MB

      # where the records go
      [OUTPUT]
          Name   stdout
          Match  app.*
      """;

  static final String YAML =
      """
      service:
        flush: 1
        http_server: on
        hot_reload: on

      pipeline:
        inputs:
          - name: cpu
            tag: metrics.cpu
        outputs:
          - name: stdout
            match: 'metrics.*'
      """;

  static final String TWO_OUTPUTS =
      """
      [INPUT]
          Name   cpu
          Tag    cpu

      [OUTPUT]
          Name   stdout
          Match  cpu

      [OUTPUT]
          Name   null
          Match  cpu
      """;

  static final String WITH_PARSERS =
      """
      parsers:
        - name: json_p
          format: json

      pipeline:
        inputs:
          - name: tail
            path: /a.log
            parser: json_p
        outputs:
          - name: stdout
            match: '*'
      """;

  static final String ACME =
      """
      {"engine":"fluent-bit","version":"5.1.1","section":"output","name":"acme_sink",
       "description":"ACME log sink",
       "options":[{"name":"endpoint","type":"string","required":true,"description":"Where to send"},
                  {"name":"level","type":"string","default":"info",
                   "rule":{"kind":"enum","values":["debug","info","warn"]}}]}
      """;

  private static Playwright playwright;
  private static Browser browser;

  @TempDir Path folder;
  @TempDir Path overlay;
  @TempDir Path bin;
  private EditorServer server;
  private BrowserContext context;
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void launch() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Chromium.PLAYWRIGHT_ENV));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.executable())
                    .setHeadless(true)
                    .setArgs(Chromium.ARGS));
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
  }

  @AfterAll
  static void shutDown() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void start() throws IOException {
    Files.writeString(folder.resolve("fluent-bit.conf"), CLASSIC);
    Files.writeString(folder.resolve("app.yaml"), YAML);
    Files.writeString(folder.resolve("two.conf"), TWO_OUTPUTS);
    Files.writeString(folder.resolve("parsing.yaml"), WITH_PARSERS);
    Files.writeString(overlay.resolve("acme.json"), ACME);
    server =
        EditorServer.start(
            "127.0.0.1",
            0,
            EditorSettings.defaults()
                .withFolder(folder)
                .withOverlays(List.of(overlay))
                .withBinary("fluent-bit", StandInExecutable.fluentBit(bin)),
            Optional.empty(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    if (server != null) {
      server.close();
    }
    Assertions.assertThat(pageErrors).as("uncaught errors in the editor's scripts").isEmpty();
  }

  @Test
  void pageIsServedAtItsFolder() {
    Page page = page("/editor/");
    assertThat(page.getByTestId("open-panel")).isVisible();
  }

  @Test
  void startPageOffersEveryWayToOpen() {
    Page page = page("/editor/index.html");
    assertThat(page.getByTestId("open-tab-upload")).isVisible();
    assertThat(page.getByTestId("open-tab-template")).isVisible();
    assertThat(page.getByTestId("open-tab-new")).isVisible();
    assertThat(page.getByTestId("open-tab-agent")).hasCount(0);
    assertThat(page.getByTestId("folder-file")).hasCount(4);

    page.getByTestId("open-tab-new").click();
    page.getByTestId("new-yaml").click();
    assertThat(page.getByTestId("format")).hasText("YAML");
    assertThat(page.getByTestId("segments")).isVisible();
    assertThat(page.getByTestId("save")).isHidden();
  }

  @Test
  void loadsClassicAndYamlFilesFromTheFolder() {
    Page page = openFile("fluent-bit.conf");
    assertThat(page.getByTestId("format")).hasText("classic");
    assertThat(page.getByTestId("file-name")).hasText("fluent-bit.conf");
    assertThat(textView(page)).hasValue(CLASSIC);
    assertThat(page.getByTestId("segment")).hasCount(3);
    assertThat(segment(page, "/pipeline/inputs/0").getByTestId("segment-toggle"))
        .hasText("input · tail");
    assertThat(field(page, "/pipeline/inputs/0/Path")).hasValue("/var/log/app.log");
    assertThat(page.getByTestId("save")).isVisible();
    assertThat(page.getByTestId("dirty")).isHidden();

    page.getByTestId("open").click();
    Locator dialog = page.getByTestId("open-dialog");
    dialog.locator("[data-testid=folder-file][data-path='app.yaml']").click();
    assertThat(dialog).hasCount(0);
    assertThat(page.getByTestId("format")).hasText("YAML");
    assertThat(textView(page)).hasValue(YAML);
    assertThat(segment(page, "/pipeline/inputs/0").getByTestId("segment-toggle"))
        .hasText("input · cpu");
    assertThat(field(page, "/pipeline/outputs/0/match")).hasValue("metrics.*");
    assertThat(page.locator("[data-testid=pipeline-node]")).hasCount(2);
  }

  @Test
  void editingAnOptionInTheFormChangesTheText() {
    Page page = openFile("fluent-bit.conf");
    Locator tag = field(page, "/pipeline/inputs/0/Tag");
    tag.fill("web.*");
    assertThat(textView(page)).hasValue(CLASSIC.replace("app.*\n    Path", "web.*\n    Path"));
    assertThat(tag).isFocused();
    assertThat(tag).hasValue("web.*");
    assertThat(page.getByTestId("dirty")).isVisible();
    assertThat(page.getByTestId("finding").filter(hasText("match-no-input"))).hasCount(1);

    // typing at the start of the value: the caret stays where it is while answers arrive
    tag.press("Home");
    page.keyboard().type("my-");
    assertThat(textView(page)).hasValue(CLASSIC.replace("app.*\n    Path", "my-web.*\n    Path"));
    assertThat(tag).isFocused();
    Assertions.assertThat(tag.evaluate("el => el.selectionStart")).isEqualTo(3);
  }

  @Test
  void editingTheTextChangesTheForm() {
    Page page = openFile("fluent-bit.conf");
    Locator text = textView(page);
    text.fill(CLASSIC.replace("/var/log/app.log", "/srv/app/*.log"));
    assertThat(field(page, "/pipeline/inputs/0/Path")).hasValue("/srv/app/*.log");
    assertThat(text).isFocused();

    // typing in the middle of the text: the form follows, the caret stays put
    int at = CLASSIC.indexOf("/var/log/app.log") + "/srv/".length();
    text.evaluate("(el, at) => el.setSelectionRange(at, at)", at);
    page.keyboard().type("my");
    assertThat(field(page, "/pipeline/inputs/0/Path")).hasValue("/srv/myapp/*.log");
    assertThat(text).isFocused();
    Assertions.assertThat(text.evaluate("el => el.selectionStart")).isEqualTo(at + 2);

    text.fill(CLASSIC + "\n[OUTPUT]\n    Name   null\n    Match  app.*\n");
    assertThat(segment(page, "/pipeline/outputs/1").getByTestId("segment-toggle"))
        .hasText("output · null");

    text.fill(CLASSIC.replace("[INPUT]", "[INPUT"));
    assertThat(page.getByTestId("syntax-error")).isVisible();
    assertThat(page.getByTestId("segments")).hasClass(Pattern.compile("segs-stale"));
    text.fill(CLASSIC);
    assertThat(page.getByTestId("syntax-error")).isHidden();
    assertThat(page.getByTestId("segments")).not().hasClass(Pattern.compile("segs-stale"));
  }

  @Test
  void anInvalidValueIsFlaggedAtTheFieldAndInTheFindings() {
    Page page = openFile("fluent-bit.conf");
    Locator limit = field(page, "/pipeline/inputs/0/Mem_Buf_Limit");
    limit.fill("10X");
    Locator row = page.locator("[data-testid=field][data-path='/pipeline/inputs/0/Mem_Buf_Limit']");
    assertThat(row.getByTestId("field-message")).containsText("expects a size");
    assertThat(limit).hasAttribute("aria-invalid", "true");
    Locator finding = page.locator("[data-testid=finding][data-code=invalid-value]");
    assertThat(finding).containsText("expects a size");
    assertThat(finding).containsText("line 11");
    assertThat(page.getByTestId("finding-counts")).hasText("1 error");

    page.getByTestId("collapse-all").click();
    assertThat(limit).isHidden();
    finding.click();
    assertThat(limit).isVisible();
    assertThat(limit).isFocused();
    assertThat(page.locator(".tv-line.tv-active")).containsText("Mem_Buf_Limit  10X");

    limit.fill("10M");
    assertThat(finding).hasCount(0);
    assertThat(row.getByTestId("field-message")).hasCount(0);
  }

  @Test
  void addsAPluginFromTheList() {
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("add-plugin").click();
    Locator dialog = page.getByTestId("add-plugin-dialog");
    dialog.getByTestId("plugin-kind").selectOption("output");
    dialog.getByTestId("plugin-picker-filter").fill("fil");
    Locator item = dialog.locator("[data-testid=plugin-item][data-name=file]");
    assertThat(item).isVisible();
    item.click();
    Locator card = segment(page, "/pipeline/outputs/1");
    assertThat(card.getByTestId("segment-toggle")).hasText("output · file");
    assertThat(card.getByTestId("segment-toggle")).isFocused();
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*\\[OUTPUT\\].*\\[OUTPUT\\].*file.*", Pattern.DOTALL));
  }

  @Test
  void aCustomPluginFromAnOverlayIsOffered() {
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("add-plugin").click();
    Locator dialog = page.getByTestId("add-plugin-dialog");
    dialog.getByTestId("plugin-kind").selectOption("output");
    dialog.getByTestId("plugin-picker-filter").fill("acme");
    Locator item = dialog.getByTestId("plugin-item");
    assertThat(item).hasCount(1);
    assertThat(item).containsText("acme_sink");
    assertThat(item).containsText("ACME log sink");
    item.click();

    Locator card = segment(page, "/pipeline/outputs/1");
    assertThat(card.getByTestId("segment-toggle")).hasText("output · acme_sink");
    Locator endpoint = field(page, "/pipeline/outputs/1/endpoint");
    assertThat(endpoint).hasValue("");
    Locator row = page.locator("[data-testid=field][data-path='/pipeline/outputs/1/endpoint']");
    assertThat(row).containsText("required");
    assertThat(row.getByTestId("field-message")).containsText("endpoint");

    endpoint.fill("https://logs.acme.example");
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*endpoint\\s+https://logs\\.acme\\.example.*", Pattern.DOTALL));
    assertThat(page.locator("[data-testid=finding][data-code=missing-key]")).hasCount(0);
  }

  @Test
  void addsAnOptionFromTheSearchableList() {
    Page page = openFile("fluent-bit.conf");
    Locator card = segment(page, "/pipeline/inputs/0");
    card.getByTestId("add-option").first().click();
    Locator filter = card.getByTestId("option-picker-filter");
    assertThat(filter).isFocused();
    filter.fill("read_from");
    Locator item = card.locator("[data-testid=option-item][data-name=read_from_head]");
    assertThat(item).containsText("default false");
    item.click();
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*read_from_head\\s+false.*", Pattern.DOTALL));
    Locator added =
        card.locator("[data-testid=field][data-key=read_from_head] [data-testid=field-input]");
    assertThat(added).hasValue("false");
    assertThat(added).isFocused();

    card.locator("[data-testid=field][data-key=read_from_head] [data-testid=remove-option]")
        .click();
    assertThat(textView(page)).hasValue(CLASSIC);
  }

  @Test
  void collapsesAndExpandsSegments() {
    Page page = openFile("fluent-bit.conf");
    Locator toggles = page.getByTestId("segment-toggle");
    Locator path = field(page, "/pipeline/inputs/0/Path");
    page.getByTestId("collapse-all").click();
    assertThat(page.locator("[data-testid=segment-toggle][aria-expanded=true]")).hasCount(0);
    assertThat(path).isHidden();
    page.getByTestId("expand-all").click();
    assertThat(page.locator("[data-testid=segment-toggle][aria-expanded=false]")).hasCount(0);
    assertThat(path).isVisible();

    segment(page, "/pipeline/inputs/0").getByTestId("segment-toggle").click();
    assertThat(path).isHidden();
    assertThat(toggles.nth(1)).hasAttribute("aria-expanded", "false");
    // a collapsed card stays collapsed while the document changes
    field(page, "/service/Flush").fill("5");
    assertThat(textView(page)).hasValue(CLASSIC.replace("Flush        1", "Flush        5"));
    assertThat(path).isHidden();
  }

  @Test
  void movesASegmentDown() {
    Page page = openFile("two.conf");
    Locator first = segment(page, "/pipeline/outputs/0");
    assertThat(first.getByTestId("move-up").first()).isDisabled();
    first.getByTestId("move-down").first().click();
    assertThat(segment(page, "/pipeline/outputs/0").getByTestId("segment-toggle"))
        .hasText("output · null");
    assertThat(segment(page, "/pipeline/outputs/1").getByTestId("segment-toggle"))
        .hasText("output · stdout");
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*Name\\s+null.*Name\\s+stdout.*", Pattern.DOTALL));
  }

  @Test
  void addsAProcessorInsideAnInputAndMovesItToTheOutput() {
    Page page = openFile("app.yaml");
    segment(page, "/pipeline/inputs/0").getByTestId("add-inside").first().click();
    Locator dialog = page.getByTestId("add-plugin-dialog");
    assertThat(dialog.getByTestId("plugin-argument")).hasValue("logs");
    dialog.getByTestId("plugin-picker-filter").fill("content_mod");
    dialog.locator("[data-testid=plugin-item][data-name=content_modifier]").click();
    Locator processor = segment(page, "/pipeline/inputs/0/processors/logs/0");
    assertThat(processor.getByTestId("segment-toggle"))
        .hasText("processor (logs) · content_modifier");
    assertThat(textView(page))
        .hasValue(
            Pattern.compile(
                ".*processors:\\s+logs:\\s+- name: content_modifier.*", Pattern.DOTALL));

    processor.getByTestId("move-to").first().click();
    processor.locator("[data-testid=move-destination][data-path='/pipeline/outputs/0']").click();
    assertThat(segment(page, "/pipeline/outputs/0/processors/logs/0")).hasCount(1);
    assertThat(segment(page, "/pipeline/inputs/0/processors/logs/0")).hasCount(0);
  }

  @Test
  void fluentdLabelsAndMatchesTakeTheirArguments() {
    Page page = page("/editor/index.html");
    page.getByTestId("open-tab-new").click();
    page.getByTestId("new-fluentd").click();
    assertThat(page.getByTestId("format")).hasText("Fluentd");

    page.getByTestId("add-plugin").click();
    Locator dialog = page.getByTestId("add-plugin-dialog");
    dialog.getByTestId("plugin-kind").selectOption("label");
    dialog.getByTestId("add-core").click();
    assertThat(dialog.getByTestId("add-plugin-error")).containsText("Label name");
    dialog.getByTestId("plugin-argument").fill("@OUT");
    dialog.getByTestId("add-core").click();
    Locator label = page.locator("[data-testid=segment][data-kind=label]");
    assertThat(label.getByTestId("segment-toggle").first()).hasText("label · @OUT");

    label.getByTestId("add-inside").first().click();
    dialog = page.getByTestId("add-plugin-dialog");
    dialog.getByTestId("plugin-kind").selectOption("match");
    assertThat(dialog.getByTestId("plugin-argument")).hasValue("**");
    dialog.getByTestId("plugin-picker-filter").fill("stdout");
    dialog.locator("[data-testid=plugin-item][data-name=stdout]").click();
    assertThat(label.locator("[data-testid=segment][data-kind=match] [data-testid=segment-toggle]"))
        .hasText("match · ** · stdout");
    assertThat(textView(page))
        .hasValue(
            Pattern.compile(
                ".*<label @OUT>.*<match \\*\\*>.*@type stdout.*</label>.*", Pattern.DOTALL));
  }

  @Test
  void convertsClassicToYaml() {
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("convert-yaml").click();
    assertThat(page.getByTestId("format")).hasText("YAML");
    assertThat(page.getByTestId("file-name")).hasText("fluent-bit.yaml");
    assertThat(page.getByTestId("notice")).containsText("Converted fluent-bit.conf");
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*pipeline:.*inputs:.*- name: tail.*", Pattern.DOTALL));
    assertThat(page.getByTestId("convert-classic")).isVisible();
    assertThat(page.getByTestId("convert-yaml")).isHidden();
    assertThat(field(page, "/pipeline/inputs/0/path")).hasValue("/var/log/app.log");
    assertThat(page.getByTestId("dirty")).isVisible();
  }

  @Test
  void convertingYamlToClassicOffersTheParsersFile() throws IOException {
    Page page = openFile("parsing.yaml");
    page.getByTestId("convert-classic").click();
    assertThat(page.getByTestId("format")).hasText("classic");
    assertThat(page.getByTestId("convert-report")).containsText("moved-to-file");
    Locator extra = page.locator("[data-testid=extra-file][data-name='parsers.conf']");
    Download download = page.waitForDownload(extra::click);
    Assertions.assertThat(download.suggestedFilename()).isEqualTo("parsers.conf");
    Assertions.assertThat(Files.readString(download.path())).contains("[PARSER]", "json_p");
  }

  @Test
  void aDryRunShowsWhatTheEngineSaid() {
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("dry-run").click();
    Locator result = page.getByTestId("dry-run-result");
    assertThat(result).hasAttribute("data-ok", "true");

    page.getByTestId("dry-run-dialog").getByLabel("Close").click();
    field(page, "/pipeline/inputs/0/Name").fill("no_such_input");
    assertThat(textView(page))
        .hasValue(Pattern.compile(".*Name\\s+no_such_input.*", Pattern.DOTALL));
    page.getByTestId("dry-run").click();
    assertThat(result).hasAttribute("data-ok", "false");
    assertThat(result).containsText("no_such_input");
  }

  @Test
  void saveRoundTripsLosslessly() throws IOException {
    Path file = folder.resolve("fluent-bit.conf");
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("save").click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Files.readString(file).startsWith("# config_version"));
    String saved = Files.readString(file);
    Assertions.assertThat(withoutHeader(saved)).isEqualTo(CLASSIC);
    Assertions.assertThat(saved).contains("# source: folder:fluent-bit.conf");
    assertThat(textView(page)).hasValue(saved);
    assertThat(page.getByTestId("dirty")).isHidden();

    Locator path = field(page, "/pipeline/inputs/0/Path");
    path.fill("/var/log/other.log");
    assertThat(page.getByTestId("dirty")).isVisible();
    path.press("Control+s");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Files.readString(file).contains("/var/log/other.log"));
    String edited = Files.readString(file);
    Assertions.assertThat(withoutHeader(edited))
        .isEqualTo(CLASSIC.replace("/var/log/app.log", "/var/log/other.log"));
    Assertions.assertThat(edited)
        .contains("# a comment that must survive", "# where the records go");
    assertThat(page.getByTestId("dirty")).isHidden();
  }

  @Test
  void downloadGivesTheStampedText() throws IOException {
    Page page = openFile("fluent-bit.conf");
    Download download = page.waitForDownload(() -> page.getByTestId("download").click());
    Assertions.assertThat(download.suggestedFilename()).isEqualTo("fluent-bit.conf");
    String text = Files.readString(download.path());
    Assertions.assertThat(text).startsWith("# config_version: ");
    Assertions.assertThat(text).contains("# source: folder:fluent-bit.conf", "# engine_version: ");
    Assertions.assertThat(withoutHeader(text)).isEqualTo(CLASSIC);
    Assertions.assertThat(Files.readString(folder.resolve("fluent-bit.conf"))).isEqualTo(CLASSIC);
  }

  @Test
  void pipelineNodesLeadToTheirSegments() {
    Page page = openFile("fluent-bit.conf");
    page.getByTestId("collapse-all").click();
    page.getByTestId("tab-pipeline").click();
    Locator nodes = page.getByTestId("pipeline-node");
    assertThat(nodes).hasCount(2);
    assertThat(page.locator(".pl-edge")).hasCount(1);
    page.locator("[data-testid=pipeline-node][data-id='/pipeline/outputs/0']").click();
    assertThat(segment(page, "/pipeline/outputs/0").getByTestId("segment-toggle"))
        .hasAttribute("aria-expanded", "true");
    assertThat(segment(page, "/pipeline/outputs/0").getByTestId("segment-toggle")).isFocused();
  }

  // ---- helpers

  /** The file without the metadata header the editor writes at the top. */
  private static String withoutHeader(String text) {
    return text.replaceFirst(
        "\\A(# (config_version|config_type|engine_version|source_revision|date|source|instance_id_template): [^\\n]*\\n)+",
        "");
  }

  private Page page(String path) {
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setAcceptDownloads(true)
                .setLocale("en-GB")
                .setTimezoneId("UTC"));
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    page.navigate("http://127.0.0.1:" + server.port() + path);
    return page;
  }

  private Page openFile(String path) {
    Page page = page("/editor/index.html");
    page.locator("[data-testid=folder-file][data-path='" + path + "']").click();
    assertThat(page.getByTestId("segment").first()).isVisible();
    assertThat(page.getByTestId("file-name")).hasText(path);
    return page;
  }

  private static Locator textView(Page page) {
    return page.getByTestId("text-view");
  }

  private static Locator segment(Page page, String path) {
    return page.locator("[data-testid=segment][data-path='" + path + "']");
  }

  private static Locator field(Page page, String path) {
    return page.locator("[data-testid=field-input][data-path='" + path + "']");
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }
}
