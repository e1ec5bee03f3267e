package dev.flotilla.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OIDC: JWTs signed by keys from a JWKS URL carry the operator's role. */
class JwtAuthTest {
  @TempDir Path dir;
  HttpServer jwks;
  KeyPair rsa;
  KeyPair ec;
  KeyPair stranger;

  @BeforeEach
  void publishKeys() throws Exception {
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048);
    rsa = r.generateKeyPair();
    stranger = r.generateKeyPair();
    KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
    e.initialize(new ECGenParameterSpec("secp256r1"));
    ec = e.generateKeyPair();
    RSAPublicKey rp = (RSAPublicKey) rsa.getPublic();
    ECPublicKey ep = (ECPublicKey) ec.getPublic();
    String body =
        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"n\":\""
            + b64(rp.getModulus())
            + "\",\"e\":\""
            + b64(rp.getPublicExponent())
            + "\"},{\"kty\":\"EC\",\"kid\":\"e1\",\"crv\":\"P-256\",\"x\":\""
            + b64(ep.getW().getAffineX(), 32)
            + "\",\"y\":\""
            + b64(ep.getW().getAffineY(), 32)
            + "\"}]}";
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks",
        x -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, bytes.length);
          x.getResponseBody().write(bytes);
          x.close();
        });
    jwks.start();
  }

  @AfterEach
  void stop() {
    jwks.stop(0);
  }

  @Test
  void validTokensGiveTheirRoleAndEverythingElseIsRefused() throws Exception {
    String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
    try (TestServer server =
        TestServer.start(
            dir,
            c ->
                c.withNoAuth(false)
                    .withAgentToken(TestServer.AGENT_TOKEN)
                    .withOperatorTokens(List.of())
                    .withOidc(
                        new ServerConfig.Oidc(url, "https://idp.test", "flotilla", "roles")))) {
      long exp = Instant.now().plusSeconds(300).getEpochSecond();
      String claims =
          "{\"iss\":\"https://idp.test\",\"aud\":[\"flotilla\"],\"exp\":"
              + exp
              + ",\"roles\":[\"viewer\",\"operator\",\"unrelated\"]}";
      String operator = sign("RS256", "r1", claims, rsa);
      assertThat(server.api("GET", "/api/v1/agents", null, operator).statusCode()).isEqualTo(200);
      assertThat(server.api("PUT", "/api/v1/settings", "{}", operator).statusCode()).isEqualTo(403);

      String admin =
          sign("ES256", "e1", claims.replace("\"viewer\",\"operator\"", "\"admin\""), ec);
      assertThat(server.api("PUT", "/api/v1/settings", "{}", admin).statusCode()).isEqualTo(200);

      String expired =
          sign("RS256", "r1", claims.replace(Long.toString(exp), Long.toString(exp - 3600)), rsa);
      String wrongAudience =
          sign("RS256", "r1", claims.replace("[\"flotilla\"]", "\"other\""), rsa);
      String wrongIssuer = sign("RS256", "r1", claims.replace("idp.test", "evil.test"), rsa);
      String wrongKey = sign("RS256", "r1", claims, stranger);
      String unsigned = sign("none", "r1", claims, null);
      for (String bad : List.of(expired, wrongAudience, wrongIssuer, wrongKey, unsigned, "a.b.c")) {
        assertThat(server.api("GET", "/api/v1/agents", null, bad).statusCode())
            .as(bad)
            .isEqualTo(401);
      }
      // The console signs in with a JWT just as with an API token.
      var signIn = server.api("POST", "/api/v1/session", "{\"token\":\"" + admin + "\"}", null);
      assertThat(signIn.statusCode()).isEqualTo(200);
      assertThat(server.json(signIn.body()).get("role").asString()).isEqualTo("admin");
    }
  }

  private static String sign(String alg, String kid, String claims, KeyPair key) throws Exception {
    String head =
        enc(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes());
    String body = enc(claims.getBytes(StandardCharsets.UTF_8));
    if (key == null) {
      return head + "." + body + ".";
    }
    Signature s =
        Signature.getInstance(
            alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
    s.initSign(key.getPrivate());
    s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
    return head + "." + body + "." + enc(s.sign());
  }

  private static String enc(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String b64(BigInteger v) {
    byte[] bytes = v.toByteArray();
    if (bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return enc(bytes);
  }

  private static String b64(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int n = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - n, out, length - n, n);
    return enc(out);
  }
}
