package dev.flotilla.testkit.sim;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What many {@link SimulatedAgent}s share: one HTTP client (which also opens their WebSockets), one
 * scheduler for heartbeats, polls, reconnects and delayed config application, and the clock. Agents
 * never own a thread; ten thousand of them run on the few threads given here.
 *
 * <p>{@link #close()} shuts down the client and the scheduler, so close the environment only after
 * its agents.
 */
public record SimEnvironment(
    HttpClient httpClient, ScheduledExecutorService scheduler, Clock clock, ExecutorService io)
    implements AutoCloseable {

  /**
   * An environment with {@code ioThreads} threads for the HTTP client's callbacks and {@code
   * schedulerThreads} for timers; all are daemon threads.
   */
  public static SimEnvironment create(int ioThreads, int schedulerThreads, Clock clock) {
    ExecutorService io = Executors.newFixedThreadPool(ioThreads, daemon("sim-io-"));
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(schedulerThreads, daemon("sim-timer-"));
    scheduler.setRemoveOnCancelPolicy(true);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .executor(io)
            .build();
    return new SimEnvironment(client, scheduler, clock, io);
  }

  /** A small environment for tests and demos: two I/O threads, one timer thread. */
  public static SimEnvironment create(Clock clock) {
    return create(2, 1, clock);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    httpClient.shutdownNow();
    io.shutdownNow();
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
