package dev.flotilla.server.metrics;

import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.store.StoreMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Renders the server's metrics in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
  private final Supplier<List<AgentRecord>> agents;
  private final ServerMetrics server;
  private final Supplier<StoreMetrics> store;
  private final Supplier<Integer> webSockets;

  public PrometheusText(
      Supplier<List<AgentRecord>> agents,
      ServerMetrics server,
      Supplier<StoreMetrics> store,
      Supplier<Integer> webSockets) {
    this.agents = agents;
    this.server = server;
    this.store = store;
    this.webSockets = webSockets;
  }

  public String render() {
    StringBuilder out = new StringBuilder(4096);
    Map<String, Integer> byState = new TreeMap<>();
    for (String t : List.of(Connection.WEBSOCKET, Connection.HTTP, "none")) {
      byState.put(t + "|connected", 0);
      byState.put(t + "|disconnected", 0);
    }
    int unhealthy = 0;
    for (AgentRecord r : agents.get()) {
      Connection c = r.connection();
      String transport = c == null ? "none" : c.transport();
      String state = c != null && c.connected() ? "connected" : "disconnected";
      byState.merge(transport + "|" + state, 1, Integer::sum);
      if (r.health().getSerializedSize() > 0 && !r.health().getHealthy()) {
        unhealthy++;
      }
    }
    header(out, "flotilla_agents", "gauge", "Agents known to the server, by transport and state.");
    byState.forEach(
        (k, v) -> {
          String[] p = k.split("\\|");
          out.append("flotilla_agents{transport=\"")
              .append(p[0])
              .append("\",state=\"")
              .append(p[1])
              .append("\"} ")
              .append(v)
              .append('\n');
        });
    header(
        out,
        "flotilla_agents_unhealthy",
        "gauge",
        "Agents whose last health report was unhealthy.");
    out.append("flotilla_agents_unhealthy ").append(unhealthy).append('\n');
    header(out, "flotilla_websocket_connections", "gauge", "Open OpAMP WebSocket connections.");
    out.append("flotilla_websocket_connections ").append(webSockets.get()).append('\n');

    header(out, "flotilla_opamp_messages_total", "counter", "AgentToServer messages received.");
    server
        .messagesByTransport()
        .forEach((t, v) -> counter(out, "flotilla_opamp_messages_total", "transport", t, v));
    header(out, "flotilla_opamp_errors_total", "counter", "Refused or failed OpAMP exchanges.");
    server
        .errorsByKind()
        .forEach((k, v) -> counter(out, "flotilla_opamp_errors_total", "kind", k, v));
    header(out, "flotilla_opamp_dropped_replies_total", "counter", "Replies over the size limit.");
    out.append("flotilla_opamp_dropped_replies_total ")
        .append(server.droppedReplies())
        .append('\n');

    StoreMetrics s = store.get();
    header(
        out, "flotilla_store_batch_seconds", "histogram", "Time to write one batch to the store.");
    for (int i = 0; i < StoreMetrics.BUCKET_BOUNDS_NANOS.size(); i++) {
      out.append("flotilla_store_batch_seconds_bucket{le=\"")
          .append(StoreMetrics.BUCKET_BOUNDS_NANOS.get(i) / 1e9)
          .append("\"} ")
          .append(s.batchNanosBuckets().get(i))
          .append('\n');
    }
    out.append("flotilla_store_batch_seconds_bucket{le=\"+Inf\"} ")
        .append(s.batchesWritten())
        .append('\n');
    out.append("flotilla_store_batch_seconds_sum ").append(s.batchNanosSum() / 1e9).append('\n');
    out.append("flotilla_store_batch_seconds_count ").append(s.batchesWritten()).append('\n');
    header(out, "flotilla_store_batch_failures_total", "counter", "Batches the store refused.");
    out.append("flotilla_store_batch_failures_total ").append(s.batchFailures()).append('\n');
    header(out, "flotilla_store_pending", "gauge", "Changes waiting to be written.");
    out.append("flotilla_store_pending{kind=\"agents\"} ").append(s.pendingAgents()).append('\n');
    out.append("flotilla_store_pending{kind=\"events\"} ").append(s.pendingEvents()).append('\n');
    out.append("flotilla_store_pending{kind=\"operations\"} ").append(s.pendingOps()).append('\n');
    header(out, "flotilla_store_rows_written_total", "counter", "Rows the store writer wrote.");
    out.append("flotilla_store_rows_written_total{kind=\"agents\"} ")
        .append(s.agentsWritten())
        .append('\n');
    out.append("flotilla_store_rows_written_total{kind=\"events\"} ")
        .append(s.eventsWritten())
        .append('\n');
    header(
        out,
        "flotilla_store_events_dropped_total",
        "counter",
        "Events dropped during a long store outage.");
    out.append("flotilla_store_events_dropped_total ").append(s.eventsDropped()).append('\n');
    header(out, "flotilla_store_up", "gauge", "1 while the store accepts writes.");
    out.append("flotilla_store_up ").append(s.available() ? 1 : 0).append('\n');
    header(
        out,
        "flotilla_store_writer_up",
        "gauge",
        "1 while the store writer thread runs; 0 means nothing is written any more.");
    out.append("flotilla_store_writer_up ").append(s.writerRunning() ? 1 : 0).append('\n');

    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    header(out, "jvm_memory_used_bytes", "gauge", "Used JVM memory.");
    out.append("jvm_memory_used_bytes{area=\"heap\"} ").append(heap.getUsed()).append('\n');
    out.append("jvm_memory_used_bytes{area=\"nonheap\"} ")
        .append(ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed())
        .append('\n');
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void counter(StringBuilder out, String name, String label, String value, long v) {
    out.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(value)
        .append("\"} ")
        .append(v)
        .append('\n');
  }
}
