package dev.flotilla.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Many simulated agents started at a bounded rate, so that a server is not hit by thousands of
 * handshakes at once. Agent {@code i} gets {@code settings.apply(i)}; the ramp runs on the
 * environment's scheduler in 10 ms steps.
 */
public final class SimulatedFleet implements AutoCloseable {
  private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final int size;
  private final double perSecond;
  private final IntFunction<AgentSettings> settings;
  private final SimEnvironment env;
  private final List<SimulatedAgent> agents; // guarded by itself
  private final CompletableFuture<Void> ramped = new CompletableFuture<>();
  private final long rampStartNanos = System.nanoTime();
  private volatile ScheduledFuture<?> ramp;
  private volatile boolean closed;

  private SimulatedFleet(
      int size, double perSecond, IntFunction<AgentSettings> settings, SimEnvironment env) {
    if (size < 0 || perSecond <= 0) {
      throw new IllegalArgumentException("fleet size must be >= 0 and the rate positive");
    }
    this.size = size;
    this.perSecond = perSecond;
    this.settings = settings;
    this.env = env;
    this.agents = new ArrayList<>(size);
  }

  /** Starts {@code size} agents, {@code perSecond} of them per second. Returns at once. */
  public static SimulatedFleet start(
      int size, double perSecond, IntFunction<AgentSettings> settings, SimEnvironment env) {
    SimulatedFleet fleet = new SimulatedFleet(size, perSecond, settings, env);
    fleet.ramp =
        env.scheduler().scheduleAtFixedRate(fleet::startDue, 0, STEP_NANOS, TimeUnit.NANOSECONDS);
    if (fleet.ramped.isDone()) {
      fleet.ramp.cancel(false); // the first step may have finished before ramp was assigned
    }
    return fleet;
  }

  private void startDue() {
    try {
      startDueAgents();
    } catch (RuntimeException e) {
      stopRamp();
      ramped.completeExceptionally(e);
    }
  }

  private void startDueAgents() {
    long elapsed = System.nanoTime() - rampStartNanos;
    int due = (int) Math.min(size, Math.floor(elapsed / 1e9 * perSecond) + 1);
    List<SimulatedAgent> fresh = new ArrayList<>();
    synchronized (agents) {
      while (!closed && agents.size() < due) {
        SimulatedAgent agent = new SimulatedAgent(settings.apply(agents.size()), env);
        agents.add(agent);
        fresh.add(agent);
      }
    }
    fresh.forEach(SimulatedAgent::start);
    if (closed || due >= size) {
      stopRamp();
      ramped.complete(null);
    }
  }

  private void stopRamp() {
    ScheduledFuture<?> r = ramp;
    if (r != null) {
      r.cancel(false);
    }
  }

  /** Completes once every agent has been started (not necessarily connected). */
  public CompletableFuture<Void> ramped() {
    return ramped;
  }

  /** The agents started so far, in start order. */
  public List<SimulatedAgent> agents() {
    synchronized (agents) {
      return List.copyOf(agents);
    }
  }

  public int size() {
    return size;
  }

  public int started() {
    synchronized (agents) {
      return agents.size();
    }
  }

  /** How many agents the server has answered on their current connection. */
  public int connected() {
    int n = 0;
    for (SimulatedAgent agent : agents()) {
      if (agent.connected()) {
        n++;
      }
    }
    return n;
  }

  /** Stops the ramp and disconnects every started agent; the future never fails. */
  public CompletableFuture<Void> disconnectAll() {
    closed = true;
    stopRamp();
    return CompletableFuture.allOf(
        agents().stream().map(SimulatedAgent::disconnect).toArray(CompletableFuture[]::new));
  }

  /** {@link #disconnectAll()} and wait up to a minute for it. */
  @Override
  public void close() {
    try {
      disconnectAll().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // best effort: the server notices dropped connections anyway
    }
  }
}
