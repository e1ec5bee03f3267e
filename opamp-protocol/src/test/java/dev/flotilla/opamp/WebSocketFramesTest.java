package dev.flotilla.opamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.proto.AgentToServer;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {
  private final AgentToServer message =
      AgentToServer.newBuilder()
          .setInstanceUid(InstanceUid.newV7(Clock.systemUTC()).toByteString())
          .setSequenceNum(7)
          .setCapabilities(0x1001)
          .build();

  @Test
  void encodesWithZeroHeaderAndDecodesBack() throws Exception {
    byte[] frame = WebSocketFrames.encode(message);
    assertThat(frame[0]).isZero();
    assertThat(frame).hasSize(1 + message.getSerializedSize());
    assertThat(WebSocketFrames.decode(frame, AgentToServer.parser())).isEqualTo(message);
  }

  @Test
  void acceptsLegacyHeaderlessFrames() throws Exception {
    assertThat(WebSocketFrames.decode(message.toByteArray(), AgentToServer.parser()))
        .isEqualTo(message);
  }

  @Test
  void emptyFramesAndHeaderOnlyFramesAreEmptyMessages() throws Exception {
    assertThat(WebSocketFrames.decode(new byte[0], AgentToServer.parser()))
        .isEqualTo(AgentToServer.getDefaultInstance());
    assertThat(WebSocketFrames.decode(new byte[] {0}, AgentToServer.parser()))
        .isEqualTo(AgentToServer.getDefaultInstance());
  }

  @Test
  void rejectsNonZeroHeaderAndGarbage() {
    assertThatThrownBy(() -> WebSocketFrames.decode(new byte[] {1, 10, 0}, AgentToServer.parser()))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(
            () ->
                WebSocketFrames.decode(
                    new byte[] {0, (byte) 0xff, (byte) 0xff, 3}, AgentToServer.parser()))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }
}
