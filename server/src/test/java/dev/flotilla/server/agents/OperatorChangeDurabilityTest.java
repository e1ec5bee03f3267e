package dev.flotilla.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.server.store.FleetTables;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's change is stored with the event that records it before the API answers: with the
 * batch writer idle for an hour, both are already in the database, so a crash right after the
 * answer loses neither.
 */
class OperatorChangeDurabilityTest {
  @TempDir Path dir;

  @Test
  void labelsApprovalsAndPushesAreStoredWithTheirEventsBeforeTheAnswer() {
    try (TestServer server =
        TestServer.start(
            dir, c -> c.withFlushInterval(Duration.ofHours(1)).withApprovalMode("manual"))) {
      RawAgent agent =
          new RawAgent(
              Capabilities.of(
                  AgentCapabilities.AgentCapabilities_ReportsStatus,
                  AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig));
      new OpampHttp(server.opampHttp()).send(agent.full("durable").build());
      // the new agent itself is written by the (idle) batch writer; the operator's writes are not
      assertThat(
              server
                  .api("PUT", "/api/v1/agents/" + agent.uid + "/labels", "{\"env\":\"prod\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(server.api("POST", "/api/v1/agents/" + agent.uid + "/approve", "{}").statusCode())
          .isEqualTo(200);

      try (FleetTables db = FleetTables.open(null, dir)) {
        List<String> types =
            db.events(agent.uid, Long.MAX_VALUE, 50).stream().map(AgentEvent::type).toList();
        assertThat(types).contains(AgentEvent.LABELS_CHANGED, AgentEvent.APPROVAL_CHANGED);
        assertThat(db.loadAgents())
            .filteredOn(a -> a.instanceUid().equals(agent.uid))
            .singleElement()
            .satisfies(a -> assertThat(a.labels()).containsEntry("env", "prod"));
        assertThat(db.loadApprovals()).doesNotContainKey(InstanceUid.parse(agent.uid.toString()));
      }
      // announced once, stored once
      long labelEvents =
          server
              .getJson("/api/v1/agents/" + agent.uid + "/events")
              .get("items")
              .valueStream()
              .filter(e -> e.get("type").asString().equals(AgentEvent.LABELS_CHANGED))
              .count();
      assertThat(labelEvents).isEqualTo(1);
    }
  }
}
