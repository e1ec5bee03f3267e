package dev.flotilla.catalog.web;

import dev.flotilla.catalog.Bundle;
import dev.flotilla.catalog.Catalog;
import dev.flotilla.catalog.CatalogQuery;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.webkit.WebKit;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog as a web feature: its REST API under {@value #API} and its browser page under {@value
 * #PAGE}. The standalone catalog and the server both mount it; {@link Access} decides who may call.
 * Whoever mounts it also serves {@code /kit/} ({@link WebKit#configure}) and maps {@link
 * FleetException} to the one error shape.
 */
public final class CatalogRoutes {
  public static final String API = "/api/v1/catalog";
  public static final String PAGE = "/catalog";
  private static final Set<String> LINT_STATES = Set.of("ok", "warnings", "errors");

  private final String mode;
  private final Catalog catalog;
  private final Access access;
  private final Optional<String> editorPage;
  private final JsonMapper json;

  /**
   * @param mode {@code standalone} or {@code mounted}, as the page shows it
   * @param editorPage the editor's page on the same listener (e.g. {@code /editor/}) when it is
   *     mounted; entries then open in it, else in the catalog's read-only viewer
   */
  public CatalogRoutes(
      String mode, Catalog catalog, Access access, Optional<String> editorPage, JsonMapper json) {
    this.mode = mode;
    this.catalog = catalog;
    this.access = access;
    this.editorPage = editorPage;
    this.json = json;
  }

  public void configure(JavalinConfig cfg) {
    WebKit.serveClasspath(cfg, PAGE, "/catalog");
    var r = cfg.routes;
    r.get(API, ctx -> read(ctx, () -> list(ctx)));
    r.post(
        API + "/refresh",
        ctx -> {
          access.require(ctx, true);
          catalog.refresh();
          respond(ctx, list(ctx));
        });
    r.get(API + "/{id}", ctx -> read(ctx, () -> entry(ctx.pathParam("id"))));
  }

  private Map<String, Object> list(Context ctx) {
    String lint = ctx.queryParam("lint");
    if (lint != null && !lint.isBlank() && !LINT_STATES.contains(lint)) {
      throw new FleetException(
          Kind.BAD_REQUEST, "lint: must be ok, warnings or errors, not '" + lint + "'");
    }
    CatalogQuery q =
        new CatalogQuery(
            ctx.queryParam("q"), ctx.queryParam("engine"), ctx.queryParam("tag"), lint);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", mode);
    out.put("entries", catalog.find(q));
    out.put("total", catalog.entries().size());
    out.put("tags", catalog.tags());
    out.put("sources", catalog.sources());
    out.put("editor", editorPage.orElse(null));
    out.put("canRefresh", access.canWrite(ctx));
    return out;
  }

  private Map<String, Object> entry(String id) {
    Bundle b =
        catalog
            .bundle(id)
            .orElseThrow(() -> new FleetException(Kind.NOT_FOUND, "no catalog entry " + id));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entry", b.entry());
    List<Map<String, String>> files =
        b.files().entrySet().stream()
            .map(e -> Map.of("name", e.getKey(), "text", e.getValue()))
            .toList();
    out.put("files", files);
    out.put("editor", editorPage.map(p -> p + "?catalog=" + id).orElse(null));
    return out;
  }

  private void read(Context ctx, Supplier<?> body) {
    access.require(ctx, false);
    respond(ctx, body.get());
  }

  private void respond(Context ctx, Object value) {
    ctx.contentType("application/json").result(json.writeValueAsString(value));
  }
}
