package dev.flotilla.editor.web;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What stands in for sign-in in the standalone editor, which has none. Every request must name this
 * listener in {@code Host} (so a rebound DNS name cannot reach it) and, when the browser sends an
 * {@code Origin}, come from this listener's own origin. Every request but GET and HEAD must also be
 * {@code application/json} (so a cross-site form or {@code text/plain} post never gets through) and
 * carry this process's random {@link #token} in {@value #HEADER}; the page learns the token from
 * {@code GET /api/v1/session}, which only a same-origin page can read.
 */
public final class LocalGuard {
  public static final String HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final String token;
  private final Set<String> hosts;
  private final IntSupplier port;

  /**
   * @param bindAddress the address the listener binds; a wildcard accepts every address of this
   *     machine and its host name
   * @param port the listener's port, once bound
   */
  public LocalGuard(String bindAddress, IntSupplier port) {
    this.token = randomToken();
    this.hosts = hostNames(bindAddress);
    this.port = port;
  }

  /** The per-process token every state-changing request must carry. */
  public String token() {
    return token;
  }

  public void configure(JavalinConfig cfg) {
    cfg.routes.before(this::check);
  }

  /**
   * @throws HttpResponseException 421 for a foreign {@code Host}, 415 for a non-JSON body
   * @throws FleetException FORBIDDEN for a foreign {@code Origin} or a missing or wrong token
   */
  void check(Context ctx) {
    String host = ctx.header("Host");
    if (host == null || !allowedHost(host)) {
      throw new HttpResponseException(
          421, "this editor answers only to " + describe() + ", not to Host " + host);
    }
    String origin = ctx.header("Origin");
    if (origin != null && !allowedOrigin(origin)) {
      throw new FleetException(
          Kind.FORBIDDEN, "requests from " + origin + " are refused: open the editor itself");
    }
    if (SAFE_METHODS.contains(ctx.method().name())) {
      return;
    }
    String type = ctx.header("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).strip().matches("application/json(\\s*;.*)?")) {
      throw new HttpResponseException(
          415, ctx.method() + " " + ctx.path() + " needs Content-Type: application/json");
    }
    String presented = ctx.header(HEADER);
    if (presented == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new FleetException(
          Kind.FORBIDDEN,
          "missing or wrong "
              + HEADER
              + " header: reload the editor's page (the token changes when it restarts)");
    }
  }

  private boolean allowedHost(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    String suffix = ":" + port.getAsInt();
    if (!h.endsWith(suffix)) {
      return port.getAsInt() == 80 && hosts.contains(h);
    }
    return hosts.contains(h.substring(0, h.length() - suffix.length()));
  }

  private boolean allowedOrigin(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.startsWith("http://") && allowedHost(o.substring("http://".length()));
  }

  private String describe() {
    return "localhost or its own address on port " + port.getAsInt();
  }

  /** Host names as they appear in a {@code Host} header: IPv6 in brackets, lower case. */
  private static Set<String> hostNames(String bindAddress) {
    Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
    names.add(literal(bindAddress));
    InetAddress bound;
    try {
      bound = InetAddress.getByName(bindAddress);
    } catch (java.net.UnknownHostException e) {
      return names;
    }
    if (bound.isAnyLocalAddress()) {
      try {
        names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
        for (NetworkInterface n : NetworkInterface.networkInterfaces().toList()) {
          n.inetAddresses().forEach(a -> names.add(literal(a.getHostAddress())));
        }
      } catch (java.io.IOException | SecurityException e) {
        // only the names above, then
      }
    } else {
      names.add(literal(bound.getHostAddress()));
    }
    return names;
  }

  private static String literal(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
