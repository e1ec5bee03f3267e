package dev.flotilla.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the OpAMP endpoint. Cheap to bump from any thread; rendered by {@link
 * PrometheusText}.
 */
public final class ServerMetrics {
  private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  /** One AgentToServer received over {@code transport}. */
  public void message(String transport) {
    messages.computeIfAbsent(transport, k -> new LongAdder()).increment();
  }

  /**
   * One refused or failed exchange.
   *
   * @param kind bad_request, too_large, unauthorized, throttled, overloaded, internal
   */
  public void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** A reply that was not sent because it exceeded the message size limit. */
  public void droppedOversizeReply() {
    dropped.increment();
  }

  public Map<String, Long> messagesByTransport() {
    return snapshot(messages);
  }

  public Map<String, Long> errorsByKind() {
    return snapshot(errors);
  }

  public long droppedReplies() {
    return dropped.sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
