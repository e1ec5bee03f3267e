package dev.flotilla.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.server.config.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpConfirmationsTest {
  private final McpFixture.SteppedClock clock = new McpFixture.SteppedClock(Instant.EPOCH);
  private final Confirmations confirmations = new Confirmations(clock);
  private final Caller alice = new Caller("token alice", Role.OPERATOR, "a");
  private final Caller bob = new Caller("token bob", Role.OPERATOR, "b");

  @Test
  void anIdHoldsOnceForItsCallerToolAndArgumentsUntilItExpires() {
    String args = new Args(Map.of("uid", "u1", "confirm", "x")).canonical();
    assertThat(args).isEqualTo(new Args(Map.of("uid", "u1")).canonical());
    var ticket = confirmations.issue(alice, "restart_agent", args);
    assertThat(ticket.expiresAt()).isEqualTo(Instant.EPOCH.plus(Confirmations.LIFETIME));

    assertThat(confirmations.redeem(bob, "restart_agent", args, ticket.id())).isPresent();
    assertThat(confirmations.redeem(alice, "block_agent", args, ticket.id())).isPresent();
    assertThat(confirmations.redeem(alice, "restart_agent", "{}", ticket.id())).isPresent();
    assertThat(confirmations.redeem(alice, "restart_agent", args, ticket.id())).isEmpty();
    assertThat(confirmations.redeem(alice, "restart_agent", args, ticket.id())).isPresent();

    var late = confirmations.issue(alice, "restart_agent", args);
    clock.advance(Confirmations.LIFETIME);
    assertThat(confirmations.redeem(alice, "restart_agent", args, late.id()))
        .hasValueSatisfying(m -> assertThat(m).contains("expired"));
    clock.advance(Duration.ofHours(1));
  }

  @Test
  void canonicalArgumentsIgnoreKeyOrderButNotValues() {
    var a = new Args(Map.of("labels", Map.of("a", "1", "b", "2"), "uid", "u")).canonical();
    var b =
        new Args(
                new java.util.LinkedHashMap<>(
                    Map.of("uid", "u", "labels", Map.of("b", "2", "a", "1"))))
            .canonical();
    assertThat(a).isEqualTo(b);
    assertThat(new Args(Map.of("labels", Map.of("a", "1"), "uid", "u")).canonical())
        .isNotEqualTo(a);
  }

  @Test
  void originMustNameTheHostTheRequestWasSentTo() {
    assertThat(McpGate.sameHost("http://127.0.0.1:4321", "127.0.0.1:4321")).isTrue();
    assertThat(McpGate.sameHost("https://fleet.example", "fleet.example")).isTrue();
    assertThat(McpGate.sameHost("http://evil.example", "127.0.0.1:4321")).isFalse();
    assertThat(McpGate.sameHost("http://127.0.0.1:9999", "127.0.0.1:4321")).isFalse();
    assertThat(McpGate.sameHost("null", "127.0.0.1:4321")).isFalse();
  }
}
