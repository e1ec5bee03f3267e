package dev.flotilla.bench;

import dev.flotilla.opamp.InstanceUid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Slowloris over OpAMP HTTP: raw sockets that each send a request's headers and then its body one
 * byte at a time. Every socket's answer (the status, normally 408) or its absence (the server
 * closed or reset it, or nothing came before the end) goes to a {@link Tally}.
 */
final class SlowBodies {
  private final InetSocketAddress server;
  private final int sockets;
  private final Duration interval;
  private final Clock clock;

  SlowBodies(InetSocketAddress server, int sockets, Duration interval, Clock clock) {
    this.server = server;
    this.sockets = sockets;
    this.interval = interval;
    this.clock = clock;
  }

  /** Runs every socket until it is answered or {@code duration} has passed. */
  void run(Duration duration, Tally tally) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < sockets; i++) {
        int n = i;
        all.add(threads.submit(() -> one(n, deadline, tally)));
      }
      for (Future<?> f : all) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          tally.dropped(e.getCause());
        }
      }
    }
  }

  private void one(int n, long deadline, Tally tally) {
    byte[] body = OpampPoster.message(InstanceUid.newV7(clock), "slow-" + n, 0).toByteArray();
    String head =
        "POST /v1/opamp HTTP/1.1\r\nHost: "
            + server.getHostString()
            + ":"
            + server.getPort()
            + "\r\nContent-Type: "
            + OpampPoster.CONTENT_TYPE
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(server, 5_000);
      socket.setSoTimeout((int) interval.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (int sent = 0; System.nanoTime() < deadline; ) {
        try {
          String status = in.readLine();
          if (status == null) {
            tally.dropped(new IOException("closed without an answer"));
            return;
          }
          boolean retryAfter = false;
          for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            retryAfter |= h.regionMatches(true, 0, "Retry-After:", 0, 12);
          }
          tally.answered(
              Integer.parseInt(status.split(" ")[1]), retryAfter, System.nanoTime() - start);
          return;
        } catch (SocketTimeoutException quiet) {
          if (sent < body.length - 1) { // never the last byte: the body stays incomplete
            out.write(body[sent++]);
            out.flush();
          }
        }
      }
      tally.dropped(new SocketTimeoutException("no answer before the scenario ended"));
    } catch (IOException | RuntimeException e) {
      tally.dropped(e);
    }
  }
}
