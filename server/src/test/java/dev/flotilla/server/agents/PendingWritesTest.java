package dev.flotilla.server.agents;

import static dev.flotilla.server.store.Fixtures.event;
import static dev.flotilla.server.store.Fixtures.fullAgent;
import static dev.flotilla.server.store.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.InstanceUid;
import org.junit.jupiter.api.Test;

/** What happens to pending writes when deletes and renames arrive while a batch is in flight. */
class PendingWritesTest {

  private final PendingWrites pending = new PendingWrites(1000);
  private final InstanceUid a = uid();
  private final InstanceUid b = uid();

  @Test
  void keepsTheNewestSnapshotByVersion() {
    pending.agentChanged(fullAgent(a, 2));
    pending.agentChanged(fullAgent(a, 1));

    assertThat(pending.take(10).agents()).extracting(AgentRecord::version).containsExactly(2L);
  }

  @Test
  void aSnapshotReplacedDuringTheFlightStaysPending() {
    pending.agentChanged(fullAgent(a, 1));
    PendingWrites.Batch batch = pending.take(10);
    pending.agentChanged(fullAgent(a, 2));

    pending.agentsWritten(batch.agents());
    pending.finish();

    assertThat(pending.take(10).agents()).extracting(AgentRecord::version).containsExactly(2L);
  }

  @Test
  void deleteDropsPendingWritesOfTheAgent() {
    pending.agentChanged(fullAgent(a, 1));
    pending.event(event(a, 1));
    pending.event(event(b, 2));

    pending.agentDeleted(a);

    PendingWrites.Batch batch = pending.take(10);
    assertThat(batch.ops()).containsExactly(new PendingWrites.Delete(a));
    assertThat(batch.agents()).isEmpty();
    assertThat(batch.events()).extracting(AgentEvent::instanceUid).containsExactly(b);
  }

  @Test
  void deleteDuringAFailedFlightDropsTheFrozenEventsToo() {
    pending.event(event(a, 1));
    pending.take(10);
    pending.agentDeleted(a);

    pending.finish(); // nothing was written

    PendingWrites.Batch retry = pending.take(10);
    assertThat(retry.ops()).containsExactly(new PendingWrites.Delete(a));
    assertThat(retry.events()).isEmpty();
  }

  @Test
  void renameDuringAWrittenFlightLeavesTheMoveToTheDatabase() {
    pending.event(event(a, 1));
    pending.take(10);
    pending.agentRenamed(a, b);
    pending.event(event(b, 2));

    pending.eventsWritten();
    pending.finish();

    PendingWrites.Batch next = pending.take(10);
    assertThat(next.ops()).containsExactly(new PendingWrites.Rename(a, b));
    assertThat(next.events()).extracting(AgentEvent::message).containsExactly("health changed 2");
  }

  @Test
  void renameDuringAFailedFlightMovesTheFrozenEvents() {
    pending.agentChanged(fullAgent(a, 1));
    pending.event(event(a, 1));
    pending.take(10);
    pending.agentRenamed(a, b);

    pending.finish(); // nothing was written

    PendingWrites.Batch retry = pending.take(10);
    assertThat(retry.ops()).containsExactly(new PendingWrites.Rename(a, b));
    assertThat(retry.agents()).extracting(AgentRecord::instanceUid).containsExactly(b);
    assertThat(retry.events()).extracting(AgentEvent::instanceUid).containsExactly(b);
  }

  @Test
  void dropsTheOldestEventsBeyondTheLimit() {
    PendingWrites small = new PendingWrites(3);
    for (int i = 0; i < 5; i++) {
      small.event(event(a, i));
    }

    assertThat(small.droppedEvents()).isEqualTo(2);
    assertThat(small.take(10).events())
        .extracting(AgentEvent::message)
        .containsExactly("health changed 2", "health changed 3", "health changed 4");
  }
}
