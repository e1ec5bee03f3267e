package dev.flotilla.opamp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * OpAMP WebSocket message framing: a Base-128 varint header (always 0 in this version of the spec)
 * followed by the protobuf. Frames whose first byte is not 0 are legacy headerless messages and are
 * read as a bare protobuf; a non-empty protobuf never starts with 0x00.
 */
public final class WebSocketFrames {
  private WebSocketFrames() {}

  /** Encodes {@code message} with the 0 header. */
  public static byte[] encode(MessageLite message) {
    int size = message.getSerializedSize();
    byte[] out = new byte[1 + size];
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out, 1, size);
      message.writeTo(coded);
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding an OpAMP WebSocket frame", e);
    }
    return out;
  }

  /**
   * Decodes one frame.
   *
   * @throws InvalidProtocolBufferException when the header is not 0 or the protobuf is malformed
   */
  public static <T extends MessageLite> T decode(ByteBuffer frame, Parser<T> parser)
      throws InvalidProtocolBufferException {
    if (!frame.hasRemaining()) {
      return parser.parseFrom(ByteBuffer.allocate(0));
    }
    ByteBuffer view = frame.slice();
    if (view.get(0) != 0) {
      return parser.parseFrom(view); // legacy headerless message
    }
    CodedInputStream in = CodedInputStream.newInstance(view);
    try {
      long header = in.readUInt64();
      if (header != 0) {
        throw new InvalidProtocolBufferException("unsupported WebSocket message header " + header);
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return parser.parseFrom(in);
  }

  public static <T extends MessageLite> T decode(byte[] frame, Parser<T> parser)
      throws InvalidProtocolBufferException {
    return decode(ByteBuffer.wrap(frame), parser);
  }
}
