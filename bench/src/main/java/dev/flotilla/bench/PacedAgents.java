package dev.flotilla.bench;

import dev.flotilla.opamp.InstanceUid;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HTTP agents with distinct uids that each post at a fixed rate, whatever the answer: the
 * well-behaved pollers (one message a second) and, many of them faster, a rate overload. Their
 * answers go to a {@link Tally} that can be swapped, so a warm-up is not counted.
 */
final class PacedAgents implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<OpampPoster> posters = new ArrayList<>();
  private final Duration period;
  private final java.util.Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile Tally tally = new Tally();

  PacedAgents(
      HttpClient client, URI opamp, int count, Duration period, String prefix, Clock clock) {
    this.period = period;
    for (int i = 0; i < count; i++) {
      posters.add(
          new OpampPoster(
              client,
              opamp,
              InstanceUid.newV7(clock),
              String.format("%s-%04d", prefix, i),
              Duration.ofSeconds(5)));
    }
  }

  /** Starts every agent, spread evenly over one period. */
  PacedAgents start() {
    long step = period.toNanos() / posters.size();
    for (int i = 0; i < posters.size(); i++) {
      OpampPoster poster = posters.get(i);
      timer.scheduleAtFixedRate(
          () -> {
            CompletableFuture<Void> f = poster.post(tally);
            inFlight.add(f);
            f.whenComplete((v, e) -> inFlight.remove(f));
          },
          i * step,
          period.toNanos(),
          TimeUnit.NANOSECONDS);
    }
    return this;
  }

  /** Counts answers from now on in a fresh tally and returns it. */
  Tally measure() {
    Tally fresh = new Tally();
    tally = fresh;
    return fresh;
  }

  /** Stops sending and waits (up to 6 s) for the answers still under way. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(6, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // each request records its own timeout
    }
  }
}
