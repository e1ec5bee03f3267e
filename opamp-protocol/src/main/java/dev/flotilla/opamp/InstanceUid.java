package dev.flotilla.opamp;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * An OpAMP agent instance id: exactly 16 bytes on the wire, shown as a canonical 36-character UUID
 * string everywhere else. New ids are UUIDv7 (48-bit Unix milliseconds, version 7, variant 2).
 */
public record InstanceUid(long mostSignificantBits, long leastSignificantBits)
    implements Comparable<InstanceUid> {

  public static final int LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh UUIDv7 whose time part comes from {@code clock}. */
  public static InstanceUid newV7(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new InstanceUid(msb, lsb);
  }

  /**
   * Reads a uid from protocol bytes.
   *
   * @throws IllegalArgumentException when the value is not exactly 16 bytes
   */
  public static InstanceUid fromBytes(ByteString bytes) {
    if (bytes.size() != LENGTH) {
      throw new IllegalArgumentException(
          "instance_uid must be 16 bytes, got " + bytes.size() + " byte(s)");
    }
    ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
    return new InstanceUid(buffer.getLong(), buffer.getLong());
  }

  public static InstanceUid fromBytes(byte[] bytes) {
    return fromBytes(ByteString.copyFrom(bytes));
  }

  /**
   * Parses the canonical string form (also accepts 32 hex digits without dashes).
   *
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static InstanceUid parse(String text) {
    String s = text.trim();
    if (s.length() == 32 && s.indexOf('-') < 0) {
      s =
          s.substring(0, 8)
              + '-'
              + s.substring(8, 12)
              + '-'
              + s.substring(12, 16)
              + '-'
              + s.substring(16, 20)
              + '-'
              + s.substring(20);
    }
    if (s.length() != 36) {
      throw new IllegalArgumentException("not an instance uid: '" + text + "'");
    }
    UUID uuid = UUID.fromString(s);
    return new InstanceUid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(toBytes());
  }

  public byte[] toBytes() {
    return ByteBuffer.allocate(LENGTH)
        .putLong(mostSignificantBits)
        .putLong(leastSignificantBits)
        .array();
  }

  public UUID toUuid() {
    return new UUID(mostSignificantBits, leastSignificantBits);
  }

  /** The UUID version nibble (7 for ids this class creates). */
  public int version() {
    return (int) ((mostSignificantBits >>> 12) & 0xF);
  }

  @Override
  public int compareTo(InstanceUid other) {
    int c = Long.compareUnsigned(mostSignificantBits, other.mostSignificantBits);
    return c != 0 ? c : Long.compareUnsigned(leastSignificantBits, other.leastSignificantBits);
  }

  /** Canonical lower-case 8-4-4-4-12 form. */
  @Override
  public String toString() {
    return toUuid().toString();
  }
}
