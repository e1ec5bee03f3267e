package dev.flotilla.cli.server;

import dev.flotilla.editor.EditorSettings;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.config.ServerConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla server}: runs the OpAMP server and the operator API until stopped. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the OpAMP server (agents) and the REST API (operators).")
public final class ServerCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file with the same keys as the flags (flags win).")
  Path config;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address both listeners bind to (default 0.0.0.0).")
  String bind;

  @Option(
      names = "--opamp-port",
      paramLabel = "PORT",
      description = "OpAMP listener port (default 4320).")
  Integer opampPort;

  @Option(
      names = "--api-port",
      paramLabel = "PORT",
      description = "REST API, metrics and console port (default 4321).")
  Integer apiPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the embedded SQLite store lives (default ./data).")
  Path dataDir;

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description =
          "Use this database instead of SQLite, e.g. jdbc:postgresql://host/db?user=u&password=p")
  String store;

  @Option(
      names = "--agent-token",
      paramLabel = "TOKEN",
      description = "Bearer token agents must present.")
  String agentToken;

  @Option(
      names = "--operator-token",
      paramLabel = "TOKEN",
      description = "Bootstrap admin token for the API.")
  String operatorToken;

  @Option(
      names = "--no-auth",
      description = "Turn authentication off on both listeners (local development only).")
  boolean noAuth;

  @Option(
      names = "--mcp",
      description = "Serve MCP (Model Context Protocol) at /mcp on the API listener.")
  boolean mcp;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "SECONDS",
      description = "Heartbeat interval offered to agents (default 30).")
  Long heartbeatSeconds;

  @Option(
      names = "--max-message-bytes",
      paramLabel = "BYTES",
      description = "Largest OpAMP message after decompression (default 64 MiB).")
  Long maxMessageBytes;

  @Option(
      names = "--max-effective-config-bytes",
      paramLabel = "BYTES",
      description =
          "Most one agent's reported effective config may hold; a larger one is not kept"
              + " (default 4 MiB).")
  Long maxEffectiveConfigBytes;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Most concurrent agent connections (default 100000).")
  Integer maxConnections;

  @Option(
      names = "--max-requests-per-second",
      paramLabel = "N",
      description = "Most OpAMP messages per second, all agents together (default 50000).")
  Integer maxRequestsPerSecond;

  @Option(
      names = "--max-requests-per-second-per-agent",
      paramLabel = "N",
      description = "Most OpAMP messages per second from one agent (instance uid) (default 10).")
  Integer maxRequestsPerSecondPerAgent;

  @Option(
      names = "--max-requests-per-second-per-source",
      paramLabel = "N",
      description =
          "Most OpAMP messages per second from one source address, e.g. a NAT (default 1000).")
  Integer maxRequestsPerSecondPerSource;

  @Option(
      names = "--request-read-timeout-millis",
      paramLabel = "MS",
      description =
          "Longest an OpAMP HTTP request may take to arrive; slower ones get 408 (default 10000).")
  Integer requestReadTimeoutMillis;

  @Option(
      names = "--max-queued-requests",
      paramLabel = "N",
      description = "OpAMP HTTP requests that may wait for a worker before 503 (default 2000).")
  Integer maxQueuedRequests;

  @Option(
      names = "--approval-mode",
      paramLabel = "auto|manual",
      description = "manual: new agents wait for an operator to approve them (default auto).")
  String approvalMode;

  @Option(
      names = "--feature",
      paramLabel = "NAME=URL",
      description =
          "Show an optional part in the console, e.g. editor=http://host:4330/ (repeatable).")
  java.util.Map<String, String> features = new java.util.LinkedHashMap<>();

  @Option(
      names = "--oidc-jwks-url",
      paramLabel = "URL",
      description = "Accept JWT bearer tokens signed by the keys published here (OIDC).")
  String oidcJwksUrl;

  @Option(names = "--oidc-issuer", paramLabel = "ISSUER", description = "Required 'iss' of JWTs.")
  String oidcIssuer;

  @Option(
      names = "--oidc-audience",
      paramLabel = "AUDIENCE",
      description = "Required 'aud' of JWTs.")
  String oidcAudience;

  @Option(
      names = "--oidc-role-claim",
      paramLabel = "CLAIM",
      description = "JWT claim with viewer/operator/admin (default role).")
  String oidcRoleClaim = "role";

  @Option(
      names = "--flush-interval-millis",
      paramLabel = "MILLIS",
      description = "How often fleet state is written to the store (default 1000).")
  Long flushIntervalMillis;

  @Option(
      names = "--editor",
      description = "Mount the config editor at /editor/ (same sign-in as the console).")
  boolean editor;

  @Option(
      names = "--editor-dir",
      paramLabel = "FOLDER",
      description = "Folder the mounted editor opens and saves files in (implies --editor).")
  Path editorDir;

  @Option(
      names = "--editor-overlay",
      paramLabel = "DIR",
      description = "Overlay schema documents for the editor (repeatable; implies --editor).")
  java.util.List<Path> editorOverlays = new java.util.ArrayList<>();

  @Option(
      names = "--catalog-dir",
      paramLabel = "FOLDER",
      description = "Mount the config catalog at /catalog/ over this folder (repeatable).")
  java.util.List<Path> catalogDirs = new java.util.ArrayList<>();

  @Option(
      names = "--catalog-git",
      paramLabel = "URL|PATH",
      description =
          "Mount the config catalog over this Git repository: a clone URL or a local repository"
              + " (repeatable).")
  java.util.List<String> catalogRepositories = new java.util.ArrayList<>();

  @Option(
      names = "--catalog-branch",
      paramLabel = "BRANCH",
      description = "Branch read from every --catalog-git repository (default: its HEAD).")
  String catalogBranch;

  @Option(
      names = "--fluent-bit-bin",
      paramLabel = "PATH",
      defaultValue = "${env:FLUENT_BIT_BIN}",
      description = "Local fluent-bit binary for the editor's dry runs (env FLUENT_BIT_BIN).")
  Path fluentBitBin;

  @Option(
      names = "--fluentd-bin",
      paramLabel = "PATH",
      defaultValue = "${env:FLUENTD_BIN}",
      description = "Local fluentd binary for the editor's dry runs (env FLUENTD_BIN).")
  Path fluentdBin;

  @Override
  public Integer call() throws Exception {
    ServerConfig c = ServerConfig.defaults();
    if (config != null) {
      c = ServerConfigFile.read(config, c);
    }
    c = applyFlags(c);
    CountDownLatch stopped = new CountDownLatch(1);
    FlotillaServer server = FlotillaServer.start(c);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "flotilla-shutdown"));
    stopped.await();
    return 0;
  }

  ServerConfig applyFlags(ServerConfig c) {
    if (bind != null) {
      c = c.withBindAddress(bind);
    }
    if (opampPort != null) {
      c = c.withOpampPort(opampPort);
    }
    if (apiPort != null) {
      c = c.withApiPort(apiPort);
    }
    if (dataDir != null) {
      c = c.withDataDir(dataDir);
    }
    if (store != null) {
      c = c.withStore(store);
    }
    if (agentToken != null) {
      c = c.withAgentToken(agentToken);
    }
    if (operatorToken != null) {
      c = c.withOperatorToken(operatorToken);
    }
    if (mcp) {
      c = c.withMcp(true);
    }
    if (noAuth) {
      c = c.withNoAuth(true);
    }
    if (heartbeatSeconds != null) {
      c = c.withHeartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
    }
    if (maxMessageBytes != null) {
      c = c.withMaxMessageBytes(maxMessageBytes);
    }
    if (maxEffectiveConfigBytes != null) {
      c = c.withMaxEffectiveConfigBytes(maxEffectiveConfigBytes);
    }
    if (maxConnections != null) {
      c = c.withMaxConnections(maxConnections);
    }
    if (maxRequestsPerSecond != null) {
      c = c.withMaxRequestsPerSecond(maxRequestsPerSecond);
    }
    if (maxRequestsPerSecondPerAgent != null) {
      c = c.withMaxRequestsPerSecondPerAgent(maxRequestsPerSecondPerAgent);
    }
    if (maxRequestsPerSecondPerSource != null) {
      c = c.withMaxRequestsPerSecondPerSource(maxRequestsPerSecondPerSource);
    }
    if (requestReadTimeoutMillis != null) {
      c = c.withRequestReadTimeout(Duration.ofMillis(requestReadTimeoutMillis));
    }
    if (maxQueuedRequests != null) {
      c = c.withMaxQueuedRequests(maxQueuedRequests);
    }
    if (oidcJwksUrl != null) {
      c = c.withOidc(new ServerConfig.Oidc(oidcJwksUrl, oidcIssuer, oidcAudience, oidcRoleClaim));
    }
    for (var f : features.entrySet()) {
      c = c.withFeature(f.getKey(), f.getValue());
    }
    if (flushIntervalMillis != null) {
      c = c.withFlushInterval(Duration.ofMillis(flushIntervalMillis));
    }
    if (approvalMode != null) {
      c = c.withApprovalMode(approvalMode);
    }
    if (editor || editorDir != null || !editorOverlays.isEmpty() || c.editor() != null) {
      EditorSettings e = c.editor() == null ? EditorSettings.defaults() : c.editor();
      if (editorDir != null) {
        e = e.withFolder(editorDir);
      }
      if (!editorOverlays.isEmpty()) {
        e = e.withOverlays(editorOverlays);
      }
      if (fluentBitBin != null && !fluentBitBin.toString().isBlank()) {
        e = e.withBinary("fluent-bit", fluentBitBin);
      }
      if (fluentdBin != null && !fluentdBin.toString().isBlank()) {
        e = e.withBinary("fluentd", fluentdBin);
      }
      c = c.withEditor(e);
    }
    if (!catalogDirs.isEmpty() || !catalogRepositories.isEmpty()) {
      dev.flotilla.catalog.CatalogSettings cs =
          c.catalog() == null
              ? dev.flotilla.catalog.CatalogSettings.of(java.util.List.of(), java.util.List.of())
              : c.catalog();
      for (Path d : catalogDirs) {
        cs = cs.withFolder(new dev.flotilla.catalog.CatalogSettings.Folder(d));
      }
      for (String r : catalogRepositories) {
        cs =
            cs.withRepository(
                new dev.flotilla.catalog.CatalogSettings.Repository(r, catalogBranch));
      }
      c = c.withCatalog(cs);
    }
    return c;
  }
}
