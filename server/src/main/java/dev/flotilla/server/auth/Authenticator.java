package dev.flotilla.server.auth;

import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Checks bearer tokens: the agent token on the OpAMP listener, operator tokens (with roles) on the
 * API listener. Comparisons take constant time. With {@code noAuth} every caller is an admin.
 */
public final class Authenticator {
  private final boolean noAuth;
  private final byte[] agentToken;
  private final List<ServerConfig.OperatorToken> operatorTokens;
  private final JwtVerifier jwt;

  public Authenticator(ServerConfig config) {
    this(config, java.time.Clock.systemUTC());
  }

  public Authenticator(ServerConfig config, java.time.Clock clock) {
    this.jwt = config.oidc() == null ? null : new JwtVerifier(config.oidc(), clock);
    this.noAuth = config.noAuth();
    this.agentToken =
        config.agentToken() == null ? null : config.agentToken().getBytes(StandardCharsets.UTF_8);
    this.operatorTokens = config.operatorTokens();
  }

  public boolean noAuth() {
    return noAuth;
  }

  /** Whether an agent presenting this {@code Authorization} header may talk OpAMP. */
  public boolean agentAllowed(String authorizationHeader) {
    if (noAuth) {
      return true;
    }
    String token = bearer(authorizationHeader);
    return token != null
        && agentToken != null
        && MessageDigest.isEqual(agentToken, token.getBytes(StandardCharsets.UTF_8));
  }

  /** The operator's role, or empty when the header carries no valid token. */
  public Optional<Role> operatorRole(String authorizationHeader) {
    if (noAuth) {
      return Optional.of(Role.ADMIN);
    }
    String token = bearer(authorizationHeader);
    if (token == null) {
      return Optional.empty();
    }
    if (jwt != null && JwtVerifier.looksLikeJwt(token)) {
      return jwt.role(token);
    }
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    Role found = null;
    for (ServerConfig.OperatorToken t : operatorTokens) {
      // Compare against every token so the time taken does not reveal which one matched.
      if (MessageDigest.isEqual(t.token().getBytes(StandardCharsets.UTF_8), presented)) {
        found = t.role();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Who presents this header, for the audit trail: the operator token's name, {@code oidc user} for
   * a JWT, {@code anonymous} with auth off.
   */
  public String operatorName(String authorizationHeader) {
    if (noAuth) {
      return "anonymous";
    }
    String token = bearer(authorizationHeader);
    if (token == null) {
      return "unknown";
    }
    if (jwt != null && JwtVerifier.looksLikeJwt(token)) {
      return "oidc user";
    }
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    String found = "unknown";
    for (ServerConfig.OperatorToken t : operatorTokens) {
      if (MessageDigest.isEqual(t.token().getBytes(StandardCharsets.UTF_8), presented)) {
        found =
            "token "
                + (t.name() == null || t.name().isBlank()
                    ? t.role().name().toLowerCase(java.util.Locale.ROOT)
                    : t.name());
      }
    }
    return found;
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).trim();
    }
    return null;
  }
}
