package dev.flotilla.webkit;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser hardening headers every answer of a listener that serves these pages carries: pages,
 * scripts, stylesheets, API answers and errors alike. The pages load only their own files (ES
 * modules, stylesheets, the icon) and talk only to their own origin, so the policy allows nothing
 * else; styles set from script go through the CSSOM ({@code el.style}), which the policy permits.
 * No {@code Access-Control-Allow-Origin} is ever sent: other origins cannot read the answers.
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Header name → value, in the order they are sent. */
  public static final Map<String, String> HEADERS = headers();

  private SecurityHeaders() {}

  /** Adds the headers to every answer of the listener {@code cfg} configures. */
  public static void configure(JavalinConfig cfg) {
    cfg.routes.before(SecurityHeaders::apply);
  }

  /** Sets the headers on one answer; safe to call again on the same answer. */
  public static void apply(Context ctx) {
    HEADERS.forEach(ctx::header);
  }

  private static Map<String, String> headers() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    m.put("X-Content-Type-Options", "nosniff");
    m.put("X-Frame-Options", "DENY");
    m.put("Referrer-Policy", "no-referrer");
    m.put("Cross-Origin-Opener-Policy", "same-origin");
    m.put("Cross-Origin-Resource-Policy", "same-origin");
    return java.util.Collections.unmodifiableMap(m);
  }
}
