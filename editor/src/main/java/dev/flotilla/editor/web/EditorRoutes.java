package dev.flotilla.editor.web;

import dev.flotilla.editor.EditorSettings;
import dev.flotilla.editor.agents.AgentConfigs;
import dev.flotilla.editor.document.DocumentInput;
import dev.flotilla.editor.document.Documents;
import dev.flotilla.editor.document.View;
import dev.flotilla.editor.dryrun.DryRuns;
import dev.flotilla.editor.dryrun.SandboxedRun;
import dev.flotilla.editor.files.Folder;
import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.editor.templates.Templates;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.JsonBodies;
import dev.flotilla.fleet.WorkPool;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import dev.flotilla.webkit.WebKit;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor as a web feature: its REST API under {@value #API} and its browser page under {@value
 * #PAGE}. The standalone editor and the server both mount it; {@link Access} decides who may call.
 * The page also loads the shared browser code under {@code /kit/}: whoever mounts it serves that
 * too ({@link WebKit#configure}), once per listener.
 */
public final class EditorRoutes {
  public static final String API = "/api/v1/editor";
  public static final String PAGE = "/editor";

  private final String mode;
  private final Access access;
  private final JsonMapper json;
  private final Schemas schemas;
  private final Documents documents;
  private final Templates templates;
  private final Optional<Folder> folder;
  private final Optional<AgentConfigs> agents;
  private final DryRuns dryRuns;
  private final WorkPool workers = WorkPool.forConfigs("editor-work");

  /**
   * @param mode {@code standalone} or {@code mounted}, as the page shows it
   * @param fleet where agents' effective configs come from, when there is a fleet
   */
  public EditorRoutes(
      String mode,
      EditorSettings settings,
      Optional<Fleet> fleet,
      Access access,
      Clock clock,
      JsonMapper json) {
    this.mode = mode;
    this.access = access;
    this.json = json;
    SchemaJson schemaJson = new SchemaJson(json);
    this.schemas = new Schemas(settings.overlays(), schemaJson);
    // fail at start, not on the first request, when an overlay folder is broken
    for (Schemas.Engine e : schemas.engines()) {
      schemas.catalog(e.engine(), e.defaultVersion());
    }
    this.folder = settings.folder().map(Folder::new);
    this.documents = new Documents(schemas, defaultProfile(json), folder, clock);
    this.templates = new Templates(json);
    this.agents = fleet.map(AgentConfigs::new);
    this.dryRuns =
        new DryRuns(
            settings.binaries(),
            settings.dryRunTimeout(),
            folder,
            settings.allowFluentdRuby(),
            settings.binaries().isEmpty() ? SandboxedRun.withNetwork() : SandboxedRun.probe());
  }

  public void configure(JavalinConfig cfg) {
    WebKit.serveClasspath(cfg, PAGE, "/editor");
    var r = cfg.routes;
    r.get(API + "/info", ctx -> read(ctx, () -> info(ctx)));
    r.get(
        API + "/schemas",
        ctx ->
            read(ctx, () -> schemas.payload(ctx.queryParam("engine"), ctx.queryParam("version"))));
    r.post(
        API + "/documents/parse", ctx -> work(ctx, "parse", () -> documents.view(document(ctx))));
    r.post(
        API + "/documents/edit",
        ctx ->
            work(
                ctx,
                "edit",
                () -> {
                  var req = body(ctx, Requests.EditRequest.class);
                  return documents.edit(req.document(), req.edits());
                }));
    r.post(
        API + "/documents/convert",
        ctx ->
            work(
                ctx,
                "convert",
                () -> {
                  var req = body(ctx, Requests.ConvertRequest.class);
                  return documents.convert(req.document(), req.to());
                }));
    r.post(
        API + "/documents/stamp",
        ctx ->
            work(
                ctx,
                "stamp",
                () -> {
                  var req = body(ctx, Requests.StampRequest.class);
                  return documents.stamp(req.document(), req.source());
                }));
    r.post(
        API + "/documents/dry-run",
        ctx -> {
          // runs a local binary on the caller's text: an operator action, as saving is
          access.require(ctx, true);
          respond(ctx, dryRun(document(ctx)));
        });
    r.get(API + "/templates", ctx -> read(ctx, () -> Map.of("templates", templates.list())));
    r.get(API + "/templates/{id}", ctx -> read(ctx, () -> templates.get(ctx.pathParam("id"))));
    r.get(API + "/files", ctx -> read(ctx, this::files));
    r.get(API + "/files/content", ctx -> read(ctx, () -> fileContent(ctx.queryParam("path"))));
    r.put(
        API + "/files/content",
        ctx -> {
          access.require(ctx, true);
          var req = body(ctx, Requests.StampRequest.class);
          respond(ctx, workers.run("save", () -> save(ctx.queryParam("path"), req)));
        });
    r.get(
        API + "/agents",
        ctx -> read(ctx, () -> Map.of("agents", agents().list(ctx.queryParam("q")))));
    r.get(
        API + "/agents/{uid}/config",
        ctx -> work(ctx, "agent config", () -> agents().config(ctx.pathParam("uid"))));
  }

  /** Parse, lint and convert work runs on the pool, never on a thread the listener needs. */
  private void work(Context ctx, String what, Supplier<?> body) {
    access.require(ctx, false);
    respond(ctx, workers.run(what, body));
  }

  private void read(Context ctx, Supplier<?> body) {
    access.require(ctx, false);
    respond(ctx, body.get());
  }

  private void respond(Context ctx, Object value) {
    ctx.contentType("application/json").result(json.writeValueAsString(value));
  }

  private Map<String, Object> info(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode);
    m.put("engines", schemas.engines());
    m.put("folder", folder.map(f -> Map.of("name", f.name())).orElse(null));
    m.put("agents", agents.isPresent());
    Map<String, Boolean> dry = new LinkedHashMap<>();
    for (Schemas.Engine e : schemas.engines()) {
      dry.put(e.engine(), dryRuns.available(e.engine()));
    }
    m.put("dryRun", dry);
    m.put("canDryRun", access.canWrite(ctx));
    m.put("dryRunNetwork", dryRuns.isolated() ? "none" : "host");
    m.put("canWrite", folder.isPresent() && access.canWrite(ctx));
    return m;
  }

  private Object dryRun(DocumentInput in) {
    View v = workers.run("dry run", () -> documents.view(in));
    return dryRuns.check(v.engine(), v.name(), in.path(), in.text(), in.files());
  }

  private Folder folder() {
    return folder.orElseThrow(
        () -> new FleetException(Kind.NOT_FOUND, "the editor has no folder (start it with --dir)"));
  }

  private AgentConfigs agents() {
    return agents.orElseThrow(
        () -> new FleetException(Kind.NOT_FOUND, "the editor is not connected to a fleet"));
  }

  private Map<String, Object> files() {
    Folder f = folder();
    return Map.of("folder", f.name(), "files", f.list());
  }

  private Map<String, Object> fileContent(String path) {
    Folder f = folder();
    String text = f.read(path);
    String rel = f.relative(f.resolve(path));
    return Map.of(
        "path",
        rel,
        "name",
        f.resolve(path).getFileName().toString(),
        "text",
        text,
        "hash",
        sha256(text));
  }

  /** Stamps and writes; refuses when the file changed on disk since it was opened. */
  private Map<String, Object> save(String path, Requests.StampRequest req) {
    Folder f = folder();
    String rel = f.relative(f.resolve(path));
    if (req.baseHash() != null && !req.baseHash().isBlank()) {
      String current;
      try {
        current = sha256(f.read(rel));
      } catch (FleetException e) {
        current = e.kind() == Kind.NOT_FOUND ? "" : null;
        if (current == null) {
          throw e;
        }
      }
      if (!current.equals(req.baseHash())) {
        throw new FleetException(
            Kind.CONFLICT,
            rel + " changed on disk since it was opened; reopen it or download your version");
      }
    }
    DocumentInput in = req.document();
    DocumentInput placed =
        new DocumentInput(
            in.name(), in.text(), in.engine(), in.version(), in.format(), rel, in.files());
    View stamped = documents.stamp(placed, req.source());
    f.write(rel, stamped.text());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("view", stamped);
    out.put("hash", sha256(stamped.text()));
    return out;
  }

  private DocumentInput document(Context ctx) {
    return body(ctx, DocumentInput.class);
  }

  private <T> T body(Context ctx, Class<T> type) {
    return JsonBodies.read(json, ctx.body(), type);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Profile defaultProfile(JsonMapper json) {
    try {
      return Profile.bundled("default", json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
