package dev.flotilla.server.agents;

import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.opamp.proto.KeyValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** Matching and ordering for {@link AgentQuery}. */
public final class AgentFilter {
  private AgentFilter() {}

  static boolean matches(AgentRecord r, AgentQuery q, String approval) {
    if (q.approval() != null && !q.approval().equals(approval)) {
      return false;
    }
    if (q.configStatus() != null
        && !q.configStatus()
            .equals(RemoteConfigStatusNames.of(r.remoteConfigStatus().getStatus()))) {
      return false;
    }
    Connection c = r.connection();
    boolean connected = c != null && c.connected();
    if (q.connected() != null && q.connected() != connected) {
      return false;
    }
    if (q.healthy() != null) {
      boolean reported = r.health().getSerializedSize() > 0;
      if (!reported || r.health().getHealthy() != q.healthy()) {
        return false;
      }
    }
    for (Map.Entry<String, String> want : q.selector().entrySet()) {
      if (!want.getValue().equals(value(r, want.getKey()))) {
        return false;
      }
    }
    return q.text() == null || q.text().isBlank() || containsText(r, q.text());
  }

  /** Whether every selector entry equals a reported attribute or a label of the agent. */
  public static boolean selects(AgentRecord r, Map<String, String> selector) {
    for (Map.Entry<String, String> want : selector.entrySet()) {
      if (!want.getValue().equals(value(r, want.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A reported attribute wins over a label of the same key: labels never override reports. */
  private static String value(AgentRecord r, String key) {
    for (KeyValue kv : r.description().getIdentifyingAttributesList()) {
      if (kv.getKey().equals(key)) {
        return AgentViews.attributeText(kv);
      }
    }
    for (KeyValue kv : r.description().getNonIdentifyingAttributesList()) {
      if (kv.getKey().equals(key)) {
        return AgentViews.attributeText(kv);
      }
    }
    return r.labels().get(key);
  }

  private static boolean containsText(AgentRecord r, String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    if (r.instanceUid().toString().contains(needle)) {
      return true;
    }
    for (KeyValue kv : r.description().getIdentifyingAttributesList()) {
      if (AgentViews.attributeText(kv).toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    for (KeyValue kv : r.description().getNonIdentifyingAttributesList()) {
      if (AgentViews.attributeText(kv).toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    for (Map.Entry<String, String> l : r.labels().entrySet()) {
      if ((l.getKey() + "=" + l.getValue()).toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** An agent with its precomputed sort keys: sorting touches no maps or strings per compare. */
  record Sortable(AgentRecord record, String uid, String name) {
    static Sortable of(AgentRecord r) {
      String uid = r.instanceUid().toString();
      return new Sortable(r, uid, AgentViews.displayName(r).toLowerCase(Locale.ROOT));
    }

    Instant lastSeen() {
      return record.connection() == null ? Instant.EPOCH : record.connection().lastSeen();
    }
  }

  static Comparator<Sortable> order(String sort) {
    Comparator<Sortable> byUid = Comparator.comparing(Sortable::uid);
    return switch (sort == null ? "name" : sort) {
      case "name" -> Comparator.comparing(Sortable::name).thenComparing(byUid);
      case "lastSeen" -> Comparator.comparing(Sortable::lastSeen).reversed().thenComparing(byUid);
      case "firstSeen" ->
          Comparator.comparing((Sortable s) -> s.record().firstSeen()).thenComparing(byUid);
      case "instanceUid" -> byUid;
      default ->
          throw new FleetException(
              FleetException.Kind.BAD_REQUEST,
              "sort: must be name, lastSeen, firstSeen or instanceUid, not '" + sort + "'");
    };
  }
}
