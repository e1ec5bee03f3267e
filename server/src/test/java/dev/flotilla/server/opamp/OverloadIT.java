package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flooding agent and a trickled body against a real server on loopback. */
class OverloadIT {
  private static final long STATUS = Capabilities.of(AgentCapabilities_ReportsStatus);

  @TempDir Path dir;

  @Test
  void aFloodingAgentDoesNotStarveAWellBehavedOne() throws Exception {
    try (TestServer server = TestServer.start(dir, c -> c.withMaxRequestsPerSecond(200))) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger flooded = new AtomicInteger();
      AtomicInteger floodRefused = new AtomicInteger();
      RawAgent flooder = new RawAgent(STATUS);
      byte[] flood = flooder.full("flood").build().toByteArray();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        threads.add(
            Thread.ofPlatform()
                .daemon(true)
                .start(
                    () -> {
                      // Its own address, so only its own per-source bucket is spent.
                      try (Socket s = connect(server.opampHttp(), "127.0.0.2")) {
                        while (!stop.get()) {
                          int status = post(s, server.opampHttp(), flood);
                          flooded.incrementAndGet();
                          if (status == 429) {
                            floodRefused.incrementAndGet();
                          }
                        }
                      } catch (IOException e) {
                        // the server closed the connection: the flood ends early
                      }
                    }));
      }
      try {
        OpampHttp http = new OpampHttp(server.opampHttp());
        RawAgent agent = new RawAgent(STATUS);
        int ok = 0;
        int polls = 12;
        for (int i = 0; i < polls; i++) {
          long next = System.nanoTime() + 1_000_000_000L;
          if (http.post(agent.full("calm").build().toByteArray()).statusCode() == 200) {
            ok++;
          }
          await().pollDelay(Duration.ZERO).until(() -> System.nanoTime() >= next);
        }
        assertThat(flooded.get()).as("flood requests").isGreaterThan(1000);
        assertThat(floodRefused.get()).as("flood refused with 429").isGreaterThan(500);
        assertThat(ok * 100 / polls).as("%% of polls answered 200").isGreaterThanOrEqualTo(95);
      } finally {
        stop.set(true);
        for (Thread t : threads) {
          t.join(5000);
        }
      }
    }
  }

  @Test
  void aTrickledBodyLosesItsSlotAtTheReadTimeout() throws Exception {
    // long enough that a loaded machine sees the held slot before the timeout frees it
    Duration timeout = Duration.ofSeconds(6);
    try (TestServer server =
            TestServer.start(dir, c -> c.withMaxConnections(1).withRequestReadTimeout(timeout));
        Socket slow = connect(server.opampHttp(), "127.0.0.1")) {
      URI uri = server.opampHttp();
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST "
                  + uri.getPath()
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                  + "Content-Length: 100\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(0x0a);
      out.flush();
      long started = System.nanoTime();
      AtomicBoolean ended = new AtomicBoolean();
      CompletableFuture<String> answer = new CompletableFuture<>();
      Thread.ofPlatform()
          .daemon(true)
          .start(
              () -> {
                try {
                  answer.complete(readStatusLine(slow.getInputStream()));
                } catch (IOException e) {
                  answer.complete("closed");
                } finally {
                  ended.set(true);
                }
              });
      // the slow client under test: one more body byte every 2 s, until the server answers
      ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              if (!ended.get()) {
                out.write(0);
                out.flush();
              }
            } catch (IOException e) {
              trickle.shutdown(); // closed by the server
            }
          },
          2,
          2,
          java.util.concurrent.TimeUnit.SECONDS);
      try {
        OpampHttp http = new OpampHttp(uri);
        RawAgent agent = new RawAgent(STATUS);
        byte[] hello = agent.full("waiting").build().toByteArray();
        // The one slot is held by the trickle...
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ended.get() || http.post(hello).statusCode() == 503);
        assertThat(ended.get()).as("the trickled request ended too soon").isFalse();
        // ...until the read timeout frees it: 408 or a closed connection.
        String status = answer.get(timeout.toSeconds() + 3, java.util.concurrent.TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(status).matches("closed|HTTP/1.1 408.*");
        assertThat(tookMillis).isLessThan(timeout.toMillis() + 2500);
        assertThat(http.post(hello).statusCode()).isEqualTo(200);
      } finally {
        trickle.shutdownNow();
      }
    }
  }

  private static Socket connect(URI uri, String from) throws IOException {
    Socket s = new Socket("127.0.0.1", uri.getPort(), InetAddress.getByName(from), 0);
    s.setSoTimeout(15_000);
    s.setTcpNoDelay(true);
    return s;
  }

  /** One keep-alive POST on {@code s}; returns the status and consumes the response. */
  private static int post(Socket s, URI uri, byte[] body) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST "
                + uri.getPath()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = s.getInputStream();
    String head = readHead(in);
    int status = Integer.parseInt(head.substring(9, 12));
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (in.readNBytes(length).length < length) {
      throw new IOException("short response");
    }
    return status;
  }

  private static String readStatusLine(InputStream in) throws IOException {
    String head = readHead(in);
    return head.substring(0, head.indexOf("\r\n"));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
