package dev.flotilla.server.mcp;

import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.config.Role;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Stands in front of the MCP servlet: refuses a foreign {@code Origin} (403; a request without one
 * is not from a browser page), a {@code Host} that is not loopback on a loopback connection (DNS
 * rebinding, 403), and a request without a valid operator bearer token (401). What passes carries
 * its {@link Caller} as a request attribute.
 */
final class McpGate implements Filter {
  static final String CALLER = "flotilla.mcp.caller";

  private final Authenticator auth;
  private final String resourceMetadataPath;

  /**
   * @param resourceMetadataPath the protected resource metadata to name in a 401, null when there
   *     is none (no OIDC)
   */
  McpGate(Authenticator auth, String resourceMetadataPath) {
    this.auth = auth;
    this.resourceMetadataPath = resourceMetadataPath;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String host = req.getHeader("Host");
    if (loopback(req.getLocalAddr()) && !loopbackName(hostName(host))) {
      refuse(res, 403, "forbidden", "the Host header " + host + " does not name this server");
      return;
    }
    String origin = req.getHeader("Origin");
    if (origin != null && !sameHost(origin, host)) {
      refuse(res, 403, "forbidden", "requests from origin " + origin + " are refused");
      return;
    }
    String header = req.getHeader("Authorization");
    Optional<Role> role = auth.operatorRole(header);
    if (role.isEmpty()) {
      String challenge = "Bearer realm=\"flotilla\"";
      if (resourceMetadataPath != null) {
        challenge += ", resource_metadata=\"" + base(req) + resourceMetadataPath + "\"";
      }
      res.setHeader("WWW-Authenticate", challenge);
      refuse(
          res,
          401,
          "unauthorized",
          header == null ? "an Authorization: Bearer token is required" : "unknown token");
      return;
    }
    req.setAttribute(
        CALLER, new Caller(auth.operatorName(header), role.get(), key(header, auth.noAuth())));
    chain.doFilter(request, response);
  }

  /** The scheme, host and port the client used, for URLs it can follow. */
  static String base(HttpServletRequest req) {
    String host = req.getHeader("Host");
    return req.getScheme() + "://" + (host == null ? req.getServerName() : host);
  }

  private static void refuse(HttpServletResponse res, int status, String code, String message)
      throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    String body =
        "{\"error\":{\"code\":\""
            + code
            + "\",\"message\":\""
            + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"status\":"
            + status
            + "}}";
    res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The origin's host and port must be the ones the request was sent to. */
  static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI o = URI.create(origin.strip());
      URI h = URI.create("http://" + host.strip());
      if (o.getScheme() == null || o.getHost() == null || h.getHost() == null) {
        return false;
      }
      int defaultPort = o.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
      int hostPort = h.getPort() == -1 ? defaultPort : h.getPort();
      return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String hostName(String host) {
    if (host == null) {
      return "";
    }
    try {
      String h = URI.create("http://" + host.strip()).getHost();
      return h == null ? "" : h;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static boolean loopbackName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("localhost") || n.endsWith(".localhost")) {
      return true;
    }
    if (n.startsWith("[") && n.endsWith("]")) {
      n = n.substring(1, n.length() - 1);
    }
    return (n.matches("[0-9.]+") || n.contains(":")) && loopback(n);
  }

  private static boolean loopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    try {
      // only literal addresses reach here: no name lookup happens
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String key(String header, boolean noAuth) {
    if (header == null) {
      return noAuth ? "anonymous" : "none";
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(header.strip().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
