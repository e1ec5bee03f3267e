package dev.flotilla.supervisor.testing;

import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an OpAMP WebSocket server for client tests: RFC 6455 handshake, binary frames
 * (client frames masked), an ack for every message, pushes on demand, close frames.
 */
public final class FakeWebSocketServer implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private final ServerSocket listener;
  private final List<AgentToServer> received = new CopyOnWriteArrayList<>();
  private final List<String> handshakeHeaders = new CopyOnWriteArrayList<>();
  private volatile Socket client;
  private volatile boolean closeReceived;

  public FakeWebSocketServer() throws IOException {
    listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(this::acceptLoop);
  }

  public URI url() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/v1/opamp");
  }

  public List<AgentToServer> received() {
    return received;
  }

  public List<String> handshakeHeaders() {
    return handshakeHeaders;
  }

  public boolean closeReceived() {
    return closeReceived;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        client = s;
        serve(s);
      } catch (IOException e) {
        // Connection ended; accept the next one.
      }
    }
  }

  private void serve(Socket s) throws IOException {
    try (s) {
      InputStream in = s.getInputStream();
      String key = null;
      for (String line; !(line = readLine(in)).isEmpty(); ) {
        handshakeHeaders.add(line);
        if (line.toLowerCase().startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).strip();
        }
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(sha1((key + GUID).getBytes(StandardCharsets.US_ASCII)));
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream data = new DataInputStream(in);
      while (true) {
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
          len = data.readUnsignedShort();
        } else if (len == 127) {
          len = data.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          data.readFully(mask);
        }
        byte[] payload = new byte[(int) len];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        int opcode = b0 & 0x0f;
        if (opcode == 8) {
          closeReceived = true;
          send(out, 8, new byte[] {3, (byte) 0xe8});
          return;
        }
        if (opcode == 2) {
          AgentToServer message = WebSocketFrames.decode(payload, AgentToServer.parser());
          received.add(message);
          push(
              ServerToAgent.newBuilder()
                  .setInstanceUid(message.getInstanceUid())
                  .setCapabilities(7)
                  .build());
        }
      }
    }
  }

  /** Sends a message to the connected client. */
  public synchronized void push(ServerToAgent message) throws IOException {
    send(client.getOutputStream(), 2, WebSocketFrames.encode(message));
  }

  private static synchronized void send(OutputStream out, int opcode, byte[] payload)
      throws IOException {
    var frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Drops the connection without a close frame, as a crashing server would. */
  public void dropConnection() throws IOException {
    if (client != null) {
      client.close();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != -1 && c != '\n'; ) {
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static byte[] sha1(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    dropConnection();
  }
}
