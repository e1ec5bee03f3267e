package dev.flotilla.server.opamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-agent, per-source and global buckets, on a clock the test moves. */
class ThrottleTest {
  private final TestClock clock = new TestClock();

  @Test
  void aFloodingAgentIsLimitedWithoutSpendingTheOthersBudget() {
    Throttle t = new Throttle(new Throttle.Limits(100, 20, 5, 1000), clock);
    int flooder = 0;
    for (int i = 0; i < 1000; i++) {
      flooder += t.tryAgent("flooder", false) ? 1 : 0;
    }
    assertThat(flooder).isEqualTo(5); // its own burst, then refused by its own bucket
    int others = 0;
    for (int i = 0; i < 12; i++) {
      others += t.tryAgent("agent-" + i, false) ? 1 : 0;
    }
    assertThat(others).isEqualTo(12);

    clock.advance(Duration.ofSeconds(1));
    flooder = 0;
    for (int i = 0; i < 1000; i++) {
      flooder += t.tryAgent("flooder", false) ? 1 : 0;
    }
    assertThat(flooder).isEqualTo(5); // refilled at 5 a second
  }

  @Test
  void newAgentsAreRefusedFirstWhenTheGlobalBudgetIsShort() {
    Throttle t = new Throttle(new Throttle.Limits(100, 10, 100, 1000), clock);
    assertThat(t.tryAgent("known", false)).isTrue(); // 9 left
    int fresh = 0;
    for (int i = 0; i < 20; i++) {
      fresh += t.tryAgent("new-" + i, false) ? 1 : 0;
    }
    // New agents stop while the reserve (10 %: one message) is left...
    assertThat(fresh).isEqualTo(8);
    // ...which an agent already talking to the server still gets.
    assertThat(t.tryAgent("known", false)).isTrue();
    assertThat(t.tryAgent("known", false)).isFalse();
    assertThat(t.tryAgent("websocket-peer", true)).isFalse();

    clock.advance(Duration.ofMillis(500)); // 5 tokens back
    assertThat(t.tryAgent("websocket-peer", true)).isTrue();
  }

  @Test
  void oneSourceIsLimitedOnItsOwn() {
    Throttle t = new Throttle(new Throttle.Limits(100, 1000, 10, 3), clock);
    assertThat(t.trySource("10.0.0.1")).isTrue();
    assertThat(t.trySource("10.0.0.1")).isTrue();
    assertThat(t.trySource("10.0.0.1")).isTrue();
    assertThat(t.trySource("10.0.0.1")).isFalse();
    assertThat(t.trySource("10.0.0.2")).isTrue();
    clock.advance(Duration.ofMillis(340));
    assertThat(t.trySource("10.0.0.1")).isTrue();
    assertThat(t.trySource("10.0.0.1")).isFalse();
  }

  @Test
  void retryAdviceIsAtLeastThirtySeconds() {
    Throttle t = new Throttle(new Throttle.Limits(1, 1, 1, 1), clock);
    for (int i = 0; i < 50; i++) {
      assertThat(t.retryAfter()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
  }

  @Test
  void keyedBucketsForgetIdleKeysWhenFull() {
    KeyedBuckets b = new KeyedBuckets(1, 2, Duration.ofMinutes(1).toNanos());
    long now = 0;
    assertThat(b.tryTake("a", now)).isTrue();
    assertThat(b.tryTake("b", now)).isTrue();
    assertThat(b.tryTake("c", now)).isTrue(); // over the cap: untracked, not refused
    assertThat(b.known("c", now)).isFalse();
    now += Duration.ofMinutes(2).toNanos();
    assertThat(b.tryTake("c", now)).isTrue();
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.known("c", now)).isTrue();
  }

  /** A clock that moves only when told. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
