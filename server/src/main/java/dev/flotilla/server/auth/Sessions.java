package dev.flotilla.server.auth;

import dev.flotilla.server.config.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: after signing in with an API token, the console holds only an HttpOnly cookie
 * with a random session id; state-changing requests must also carry the session's CSRF token in a
 * header, which a cross-site page cannot read. Sessions live in memory: a restart signs everyone
 * out. Sign-in attempts are limited per source address ({@link #signInLimiter}).
 */
public final class Sessions {
  public static final String COOKIE = "flotilla_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** One signed-in browser. */
  public record Session(String id, Role role, String csrfToken, Instant expires) {}

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final SignInLimiter signInLimiter;

  public Sessions(Clock clock) {
    this.clock = clock;
    this.signInLimiter = new SignInLimiter(clock);
  }

  /** How often one address may try to sign in, on the same clock as the sessions. */
  public SignInLimiter signInLimiter() {
    return signInLimiter;
  }

  public Session create(Role role) {
    removeExpired();
    Session s = new Session(randomToken(), role, randomToken(), clock.instant().plus(LIFETIME));
    sessions.put(s.id(), s);
    return s;
  }

  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s.expires().isBefore(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private void removeExpired() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.expires().isBefore(now));
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
