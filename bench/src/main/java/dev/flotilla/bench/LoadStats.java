package dev.flotilla.bench;

import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.testkit.sim.AgentListener;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what all agents of a run see. Shared by every agent, so it only touches lock-free
 * counters. Latencies go to the histogram of the current phase ({@link #newPhase()}).
 */
final class LoadStats implements AgentListener {
  private static final int MAX_ERROR_KINDS = 50;

  private final LongAdder messages = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder connects = new LongAdder();
  private final LongAdder disconnects = new LongAdder();
  private final AtomicInteger errorResponses = new AtomicInteger();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  private final AtomicReference<LatencyHistogram> latencies =
      new AtomicReference<>(new LatencyHistogram());
  private volatile boolean outOfFileDescriptors;

  /** Starts a new latency histogram and returns the previous one. */
  LatencyHistogram newPhase() {
    return latencies.getAndSet(new LatencyHistogram());
  }

  LatencyHistogram currentPhase() {
    return latencies.get();
  }

  long messages() {
    return messages.sum();
  }

  long errors() {
    return errors.sum();
  }

  long connects() {
    return connects.sum();
  }

  long disconnects() {
    return disconnects.sum();
  }

  int errorResponses() {
    return errorResponses.get();
  }

  boolean outOfFileDescriptors() {
    return outOfFileDescriptors;
  }

  /** The most frequent error kinds, most frequent first. */
  List<Map.Entry<String, Long>> topErrors(int n) {
    return errorKinds.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .toList();
  }

  @Override
  public void onConnected(SimulatedAgent agent) {
    connects.increment();
  }

  @Override
  public void onDisconnected(SimulatedAgent agent, String reason) {
    disconnects.increment();
  }

  @Override
  public void onMessage(SimulatedAgent agent, ServerToAgent message, long latencyNanos) {
    messages.increment();
    if (message.hasErrorResponse()) {
      errorResponses.incrementAndGet();
    }
    if (latencyNanos >= 0) {
      latencies.get().recordNanos(latencyNanos);
    }
  }

  @Override
  public void onError(SimulatedAgent agent, String attempt, Throwable error) {
    errors.increment();
    String text = String.valueOf(error);
    if (text.contains("Too many open files")) {
      outOfFileDescriptors = true;
    }
    String kind = text.length() > 160 ? text.substring(0, 160) : text;
    LongAdder counter = errorKinds.get(kind);
    if (counter == null && errorKinds.size() < MAX_ERROR_KINDS) {
      counter = errorKinds.computeIfAbsent(kind, k -> new LongAdder());
    }
    if (counter != null) {
      counter.increment();
    }
  }
}
