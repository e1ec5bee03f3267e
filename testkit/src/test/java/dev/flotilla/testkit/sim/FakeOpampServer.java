package dev.flotilla.testkit.sim;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny OpAMP server for tests: plain HTTP through the JDK's server, and just enough of RFC 6455
 * on a raw socket to carry binary WebSocket messages. It records what agents sent and the headers
 * they sent it with, and answers through a replaceable function.
 */
final class FakeOpampServer implements AutoCloseable {
  final List<AgentToServer> received = new CopyOnWriteArrayList<>();
  final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

  /** While positive, HTTP requests are refused with 503 and {@code Retry-After: 1}. */
  final java.util.concurrent.atomic.AtomicInteger refuseHttp =
      new java.util.concurrent.atomic.AtomicInteger();

  volatile Function<AgentToServer, ServerToAgent> responder =
      m -> ServerToAgent.newBuilder().setInstanceUid(m.getInstanceUid()).setCapabilities(7).build();

  private final HttpServer http;
  private final ServerSocket webSocketListener;
  private final List<Socket> webSockets = new CopyOnWriteArrayList<>();

  FakeOpampServer() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    http.createContext(
        "/v1/opamp",
        exchange -> {
          exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(lower(k), v.get(0)));
          AgentToServer message = AgentToServer.parseFrom(exchange.getRequestBody().readAllBytes());
          received.add(message);
          if (refuseHttp.getAndDecrement() > 0) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] reply = responder.apply(message).toByteArray();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    http.start();
    webSocketListener = new ServerSocket(0, 50, loopback);
    Thread.ofVirtual().start(this::acceptWebSockets);
  }

  URI httpUri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1/opamp");
  }

  URI wsUri() {
    return URI.create("ws://127.0.0.1:" + webSocketListener.getLocalPort() + "/v1/opamp");
  }

  /** Pushes {@code message} to every open WebSocket. */
  void push(ServerToAgent message) throws IOException {
    for (Socket s : webSockets) {
      writeFrame(s, 0x2, WebSocketFrames.encode(message));
    }
  }

  /** Drops every WebSocket without a Close frame. */
  void dropWebSockets() throws IOException {
    for (Socket s : webSockets) {
      s.close();
    }
  }

  private void acceptWebSockets() {
    while (!webSocketListener.isClosed()) {
      try {
        Socket socket = webSocketListener.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String key = null;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String name = lower(line.substring(0, colon).trim());
          String value = line.substring(colon + 1).trim();
          lastHeaders.put(name, value);
          if (name.equals("sec-websocket-key")) {
            key = value;
          }
        }
      }
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest(
                  (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                      .getBytes(StandardCharsets.US_ASCII));
      String accept = Base64.getEncoder().encodeToString(sha1);
      socket
          .getOutputStream()
          .write(
              ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Accept: "
                      + accept
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      webSockets.add(socket);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        int opcode = b0 & 0x0F;
        if (opcode == 0x8) {
          writeFrame(socket, 0x8, payload);
          webSockets.remove(socket);
          return;
        }
        if (opcode == 0x2 || opcode == 0x0) {
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            AgentToServer m = WebSocketFrames.decode(message.toByteArray(), AgentToServer.parser());
            message.reset();
            received.add(m);
            writeFrame(socket, 0x2, WebSocketFrames.encode(responder.apply(m)));
          }
        }
      }
    } catch (Exception e) {
      webSockets.remove(socket);
    }
  }

  private static void writeFrame(Socket socket, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    }
    frame.write(payload);
    synchronized (socket) {
      socket.getOutputStream().write(frame.toByteArray());
      socket.getOutputStream().flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed during the upgrade");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    webSocketListener.close();
    dropWebSockets();
  }
}
