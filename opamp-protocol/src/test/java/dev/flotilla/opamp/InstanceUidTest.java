package dev.flotilla.opamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InstanceUidTest {
  @Test
  void newIdsAreVersion7WithTheClockTime() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    InstanceUid uid = InstanceUid.newV7(clock);
    assertThat(uid.version()).isEqualTo(7);
    assertThat(uid.toUuid().variant()).isEqualTo(2);
    assertThat(uid.mostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }

  @Test
  void roundTripsThroughBytesAndText() {
    InstanceUid uid = InstanceUid.newV7(Clock.systemUTC());
    assertThat(InstanceUid.fromBytes(uid.toByteString())).isEqualTo(uid);
    assertThat(InstanceUid.parse(uid.toString())).isEqualTo(uid);
    assertThat(InstanceUid.parse(uid.toString().replace("-", ""))).isEqualTo(uid);
    assertThat(uid.toString()).hasSize(36).isLowerCase();
  }

  @Test
  void rejectsWrongLengths() {
    assertThatThrownBy(() -> InstanceUid.fromBytes(ByteString.copyFrom(new byte[15])))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> InstanceUid.parse("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
