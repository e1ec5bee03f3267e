package dev.flotilla.bench;

import dev.flotilla.opamp.InstanceUid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upgraded OpAMP WebSocket connections that never send a message: what thousands of idle agents
 * cost the server in sockets and threads. Opens them a bounded number at a time and stops at the
 * first sign of a limit (file descriptors, the server's {@code max-connections}).
 */
final class IdleWebSockets implements AutoCloseable {
  private final HttpClient client;
  private final URI opamp;
  private final Clock clock;
  private final List<WebSocket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private final Map<String, Integer> failures = new TreeMap<>(); // guarded by itself

  IdleWebSockets(HttpClient client, URI opamp, Clock clock) {
    this.client = client;
    this.opamp = opamp;
    this.clock = clock;
  }

  /** Opens up to {@code count} connections, at most 200 handshakes at a time; how many opened. */
  int open(int count, Duration timeout) throws InterruptedException {
    Semaphore handshakes = new Semaphore(200);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < count && System.nanoTime() < deadline && failed() < 50; i++) {
      if (!handshakes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        break;
      }
      client
          .newWebSocketBuilder()
          .header("OpAMP-Instance-UID", InstanceUid.newV7(clock).toString())
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(opamp, new Quiet())
          .whenComplete(
              (ws, error) -> {
                if (error != null) {
                  fail(error);
                } else {
                  open.add(ws);
                }
                handshakes.release();
              });
    }
    handshakes.tryAcquire(200, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return open.size();
  }

  int stillOpen() {
    return open.size() - closedByServer.get();
  }

  int failed() {
    synchronized (failures) {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Why connections failed, e.g. {@code {IOException: Too many open files=3}}. */
  String failures() {
    synchronized (failures) {
      return failures.toString();
    }
  }

  private void fail(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getClass().getSimpleName() + ": " + root.getMessage();
    synchronized (failures) {
      failures.merge(why, 1, Integer::sum);
    }
  }

  @Override
  public void close() {
    open.forEach(WebSocket::abort);
  }

  private final class Quiet implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closedByServer.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closedByServer.incrementAndGet();
    }
  }
}
