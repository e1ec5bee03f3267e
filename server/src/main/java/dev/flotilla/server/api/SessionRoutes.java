package dev.flotilla.server.api;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.auth.Sessions;
import dev.flotilla.server.config.Role;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: a bearer token (API clients), a session cookie plus CSRF header (the console), or
 * nobody when auth is off. Also serves sign-in and sign-out for the console.
 */
final class SessionRoutes {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final Authenticator auth;
  private final Sessions sessions;

  SessionRoutes(Authenticator auth, Sessions sessions) {
    this.auth = auth;
    this.sessions = sessions;
  }

  /**
   * The caller's role.
   *
   * @throws FleetException UNAUTHORIZED without valid credentials; FORBIDDEN for a cookie request
   *     that changes state without the session's CSRF token
   */
  Role role(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      return auth.operatorRole(header).orElseThrow(() -> unauthorized(ctx));
    }
    if (auth.noAuth()) {
      return Role.ADMIN;
    }
    Sessions.Session session =
        sessions.find(ctx.cookie(Sessions.COOKIE)).orElseThrow(() -> unauthorized(ctx));
    if (!SAFE_METHODS.contains(ctx.method().name())
        && !session.csrfToken().equals(ctx.header(Sessions.CSRF_HEADER))) {
      throw new FleetException(
          Kind.FORBIDDEN, "missing or wrong " + Sessions.CSRF_HEADER + " header for this session");
    }
    return session.role();
  }

  /** Who is calling, for the audit trail; call after {@link #role} accepted the request. */
  String actor(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null || auth.noAuth()) {
      return auth.operatorName(header);
    }
    return sessions
        .find(ctx.cookie(Sessions.COOKIE))
        .map(s -> "console session (" + s.role().name().toLowerCase(java.util.Locale.ROOT) + ")")
        .orElse("unknown");
  }

  /**
   * Lets a sign-in attempt go ahead: counted against its source address, and only as JSON (a
   * cross-site form cannot send that without the browser asking first).
   *
   * @throws StatusException 429 (with {@code Retry-After}) past the address's limit; 415 for
   *     another content type
   */
  void admitSignIn(Context ctx) {
    Optional<java.time.Duration> wait = sessions.signInLimiter().attempt(ctx.ip());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", String.valueOf(seconds));
      throw new StatusException(
          429, "too many sign-in attempts from this address; try again in " + seconds + " s");
    }
    String type = ctx.header("Content-Type");
    if (type == null
        || !type.strip().toLowerCase(java.util.Locale.ROOT).matches("application/json(\\s*;.*)?")) {
      throw new StatusException(415, "sign in with a JSON body: {\"token\": \"…\"}");
    }
  }

  /** {@code POST /api/v1/session} with {@code {"token": …}}: signs a browser in. */
  Map<String, Object> signIn(Context ctx, String token) {
    Optional<Role> role =
        token == null || token.isBlank()
            ? Optional.empty()
            : auth.operatorRole("Bearer " + token.trim());
    if (role.isEmpty()) {
      throw new FleetException(Kind.UNAUTHORIZED, "unknown token");
    }
    Sessions.Session session = sessions.create(role.get());
    ctx.header(
        "Set-Cookie",
        Sessions.COOKIE
            + "="
            + session.id()
            + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
            + Sessions.LIFETIME.toSeconds()
            + (overTls(ctx) ? "; Secure" : ""));
    return view(session.role(), session.csrfToken(), true);
  }

  /** {@code GET /api/v1/session}: who the browser is signed in as. */
  Map<String, Object> current(Context ctx) {
    if (auth.noAuth()) {
      return view(Role.ADMIN, "", false);
    }
    String header = ctx.header("Authorization");
    if (header != null) {
      return view(auth.operatorRole(header).orElseThrow(() -> unauthorized(ctx)), "", true);
    }
    Sessions.Session s =
        sessions.find(ctx.cookie(Sessions.COOKIE)).orElseThrow(() -> unauthorized(ctx));
    return view(s.role(), s.csrfToken(), true);
  }

  /** {@code DELETE /api/v1/session}: signs out. */
  void signOut(Context ctx) {
    sessions.remove(ctx.cookie(Sessions.COOKIE));
    ctx.header("Set-Cookie", Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ctx.status(204);
  }

  /** Over TLS here, or at a proxy in front that says so; a wrong claim only makes it stricter. */
  private static boolean overTls(Context ctx) {
    return ctx.scheme().equals("https")
        || "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).strip());
  }

  private static Map<String, Object> view(Role role, String csrf, boolean authOn) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
    m.put("csrfToken", csrf);
    m.put("auth", authOn);
    return m;
  }

  private static FleetException unauthorized(Context ctx) {
    ctx.header("WWW-Authenticate", "Bearer");
    return new FleetException(Kind.UNAUTHORIZED, "missing or unknown API token or session");
  }
}
