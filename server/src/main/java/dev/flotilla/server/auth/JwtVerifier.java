package dev.flotilla.server.auth;

import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies JWT bearer tokens (RS256, ES256) against the keys an OpenID Connect provider publishes
 * at its JWKS URL, and reads the operator's role from a claim. Keys are fetched on first use and
 * again when a token names an unknown key id (at most once a minute).
 */
public final class JwtVerifier {
  private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final Duration REFETCH_AFTER = Duration.ofMinutes(1);

  private final ServerConfig.Oidc oidc;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
  private volatile Instant lastFetch = Instant.EPOCH;

  public JwtVerifier(ServerConfig.Oidc oidc, Clock clock) {
    this.oidc = oidc;
    this.clock = clock;
  }

  /** Whether the text has the shape of a JWT (three base64url parts). */
  public static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /** The role in a valid token; empty for any invalid, expired or foreign token. */
  public Optional<Role> role(String token) {
    try {
      String[] parts = token.split("\\.");
      if (parts.length != 3) {
        return Optional.empty();
      }
      JsonNode header = json.readTree(decode(parts[0]));
      JsonNode claims = json.readTree(decode(parts[1]));
      String alg = header.path("alg").asString("");
      PublicKey key = key(header.path("kid").asString(""));
      if (key == null || !verify(alg, key, parts)) {
        return Optional.empty();
      }
      if (!claimsValid(claims)) {
        return Optional.empty();
      }
      return role(claims.path(oidc.roleClaim() == null ? "role" : oidc.roleClaim()));
    } catch (RuntimeException | java.security.GeneralSecurityException e) {
      log.debug("rejected a JWT: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private boolean claimsValid(JsonNode claims) {
    Instant now = clock.instant();
    if (!claims.has("exp")
        || Instant.ofEpochSecond(claims.get("exp").asLong()).plus(SKEW).isBefore(now)) {
      return false;
    }
    if (claims.has("nbf")
        && Instant.ofEpochSecond(claims.get("nbf").asLong()).minus(SKEW).isAfter(now)) {
      return false;
    }
    if (oidc.issuer() != null && !oidc.issuer().equals(claims.path("iss").asString(""))) {
      return false;
    }
    if (oidc.audience() != null) {
      JsonNode aud = claims.path("aud");
      boolean found =
          aud.isArray()
              ? aud.valueStream().anyMatch(a -> oidc.audience().equals(a.asString("")))
              : oidc.audience().equals(aud.asString(""));
      return found;
    }
    return true;
  }

  private static Optional<Role> role(JsonNode claim) {
    Role best = null;
    for (JsonNode v : claim.isArray() ? claim.valueStream().toList() : java.util.List.of(claim)) {
      try {
        Role r = Role.parse(v.asString(""));
        best = best == null || r.compareTo(best) > 0 ? r : best;
      } catch (IllegalArgumentException ignored) {
        // other roles of the identity provider are none of our business
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean verify(String alg, PublicKey key, String[] parts)
      throws java.security.GeneralSecurityException {
    Signature signature =
        switch (alg) {
          case "RS256" -> Signature.getInstance("SHA256withRSA");
          case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
          default -> null; // "none" and anything else is refused
        };
    if (signature == null) {
      return false;
    }
    signature.initVerify(key);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  private PublicKey key(String kid) {
    PublicKey key = keys.get(kid);
    if (key == null && Duration.between(lastFetch, clock.instant()).compareTo(REFETCH_AFTER) >= 0) {
      fetchKeys();
      key = keys.get(kid);
    }
    return key;
  }

  private synchronized void fetchKeys() {
    lastFetch = clock.instant();
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(oidc.jwksUrl()))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        log.warn("JWKS {} answered {}", oidc.jwksUrl(), r.statusCode());
        return;
      }
      for (JsonNode k : json.readTree(r.body()).path("keys")) {
        PublicKey parsed = parse(k);
        if (parsed != null) {
          keys.put(k.path("kid").asString(""), parsed);
        }
      }
    } catch (Exception e) {
      log.warn("cannot fetch JWKS from {}: {}", oidc.jwksUrl(), e.getMessage());
    }
  }

  private static PublicKey parse(JsonNode k) throws java.security.GeneralSecurityException {
    return switch (k.path("kty").asString("")) {
      case "RSA" ->
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(big(k, "n"), big(k, "e")));
      case "EC" -> {
        if (!"P-256".equals(k.path("crv").asString(""))) {
          yield null;
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        yield KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(new ECPoint(big(k, "x"), big(k, "y")), spec));
      }
      default -> null;
    };
  }

  private static BigInteger big(JsonNode k, String field) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(k.path(field).asString("")));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
