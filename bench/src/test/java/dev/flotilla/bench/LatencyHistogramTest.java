package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucketsAreExactBelow128AndWithinOnePointSixPercentAbove() {
    for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1_000, 123_456, 10_000_000_000L}) {
      long edge = LatencyHistogram.upperEdge(LatencyHistogram.index(v));
      assertThat(edge).isGreaterThanOrEqualTo(v);
      assertThat(edge - v).isLessThanOrEqualTo(Math.max(0, v / 64));
    }
  }

  @Test
  void percentilesOfAUniformSpread() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 1; i <= 10_000; i++) {
      h.recordMicros(i);
    }
    assertThat(h.count()).isEqualTo(10_000);
    assertThat(h.percentileMicros(50)).isBetween(5_000L, 5_080L);
    assertThat(h.percentileMicros(99)).isBetween(9_900L, 10_000L);
    assertThat(h.percentileMicros(100)).isEqualTo(10_000);
    assertThat(h.maxMicros()).isEqualTo(10_000);
  }

  @Test
  void anEmptyHistogramReportsZero() {
    assertThat(new LatencyHistogram().percentileMicros(99)).isZero();
  }
}
