package dev.flotilla.server.store;

import static dev.flotilla.server.store.Fixtures.T0;
import static dev.flotilla.server.store.Fixtures.custom;
import static dev.flotilla.server.store.Fixtures.event;
import static dev.flotilla.server.store.Fixtures.fullAgent;
import static dev.flotilla.server.store.Fixtures.restart;
import static dev.flotilla.server.store.Fixtures.uid;
import static dev.flotilla.server.store.Fixtures.withUid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.commands.QueuedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class FleetTablesTest {
  private static final int MIGRATION_SCRIPTS = 3;

  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Parameter StoreKind kind;
  @TempDir Path tempDir;

  private TestDatabases.TestDatabase database;
  private FleetTables store;

  @BeforeEach
  void open() {
    database = databases.fresh(kind, tempDir);
    store = database.open();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void roundTripsEveryPartOfAnAgent() {
    AgentRecord full = fullAgent(uid(), 7);
    AgentRecord neverConnected = AgentRecord.newAgent(uid(), T0);

    store.saveAgents(List.of(full, neverConnected));

    assertThat(store.loadAgents()).containsExactlyInAnyOrder(full, neverConnected);
  }

  @Test
  void oldHistoryIsPrunedAndRecentHistoryKept() {
    InstanceUid uid = uid();
    store.saveAgents(List.of(fullAgent(uid, 1)));
    AgentEvent old = event(uid, 1);
    AgentEvent recent =
        new AgentEvent(
            0, uid, old.time().plus(Duration.ofDays(40)), "health_changed", "x", Map.of());
    store.appendEvents(List.of(old, recent));

    assertThat(store.deleteEventsBefore(old.time().plus(Duration.ofDays(10)))).isEqualTo(1);
    assertThat(store.events(uid, Long.MAX_VALUE, 10))
        .extracting(AgentEvent::type)
        .containsExactly("health_changed");
  }

  @Test
  void approvalsAndSettingsRoundTrip() {
    InstanceUid pending = uid();
    InstanceUid blocked = uid();
    store.saveApproval(pending, "pending", T0);
    store.saveApproval(blocked, "blocked", T0);
    store.saveApproval(blocked, "blocked", T0.plusSeconds(1));
    assertThat(store.loadApprovals())
        .containsOnly(Map.entry(pending, "pending"), Map.entry(blocked, "blocked"));
    store.saveApproval(pending, null, T0);
    assertThat(store.loadApprovals()).containsOnlyKeys(blocked);

    store.saveSettings(Map.of("approval-mode", "manual"));
    store.saveSettings(Map.of("approval-mode", "auto", "heartbeat-interval", "10"));
    assertThat(store.loadSettings())
        .containsExactly(Map.entry("approval-mode", "auto"), Map.entry("heartbeat-interval", "10"));
  }

  @Test
  void saveReplacesTheStoredAgent() {
    InstanceUid uid = uid();
    store.saveAgents(List.of(fullAgent(uid, 1)));
    AgentRecord v1 = fullAgent(uid, 1);
    AgentRecord v2 =
        new AgentRecord(
            uid,
            99,
            1,
            v1.description(),
            ComponentHealth.newBuilder().setHealthy(false).setLastError("oom").build(),
            v1.effectiveConfig(),
            v1.remoteConfigStatus(),
            v1.customCapabilities(),
            v1.availableComponents(),
            Map.of("env", "staging"),
            v1.remoteConfig(),
            v1.connection().disconnected(),
            v1.firstSeen(),
            2);

    store.saveAgents(List.of(v2));

    assertThat(store.loadAgents()).containsExactly(v2);
  }

  @Test
  void deleteRemovesTheAgentWithItsEventsAndCommands() {
    InstanceUid doomed = uid();
    InstanceUid kept = uid();
    store.saveAgents(List.of(fullAgent(doomed, 1), fullAgent(kept, 1)));
    store.appendEvents(List.of(event(doomed, 1), event(kept, 2), event(doomed, 3)));
    store.insertCommand(restart(doomed));
    QueuedCommand keptCommand = store.insertCommand(restart(kept));

    store.deleteAgent(doomed);

    assertThat(store.loadAgents()).extracting(AgentRecord::instanceUid).containsExactly(kept);
    assertThat(store.events(doomed, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(store.events(kept, Long.MAX_VALUE, 10)).hasSize(1);
    assertThat(store.commands(doomed, 10)).isEmpty();
    assertThat(store.pendingCommands())
        .extracting(QueuedCommand::id)
        .containsExactly(keptCommand.id());
  }

  @Test
  void renameMovesTheAgentItsEventsAndCommands() {
    InstanceUid from = uid();
    InstanceUid to = uid();
    AgentRecord agent = fullAgent(from, 3);
    store.saveAgents(List.of(agent));
    store.appendEvents(List.of(event(from, 1), event(from, 2)));
    QueuedCommand command = store.insertCommand(restart(from));

    store.renameAgent(from, to);
    store.renameAgent(from, to); // a retried rename changes nothing

    assertThat(store.loadAgents()).containsExactly(withUid(agent, to));
    assertThat(store.events(from, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(store.events(to, Long.MAX_VALUE, 10))
        .extracting(AgentEvent::instanceUid, AgentEvent::message)
        .containsExactly(tuple(to, "health changed 2"), tuple(to, "health changed 1"));
    assertThat(store.commands(from, 10)).isEmpty();
    assertThat(store.commands(to, 10)).extracting(QueuedCommand::id).containsExactly(command.id());
  }

  @Test
  void eventsComeBackNewestFirstInPages() {
    InstanceUid uid = uid();
    InstanceUid other = uid();
    List<AgentEvent> events = new ArrayList<>();
    IntStream.range(0, 25).forEach(i -> events.add(event(uid, i)));
    events.add(10, event(other, 100));

    List<AgentEvent> stored = store.appendEvents(events);

    assertThat(stored).extracting(AgentEvent::id).isSorted().doesNotHaveDuplicates();
    assertThat(stored).extracting(AgentEvent::message).containsExactlyElementsOf(messages(events));
    List<String> seen = new ArrayList<>();
    long before = Long.MAX_VALUE;
    List<Integer> pageSizes = new ArrayList<>();
    while (true) {
      List<AgentEvent> page = store.events(uid, before, 10);
      if (page.isEmpty()) {
        break;
      }
      pageSizes.add(page.size());
      assertThat(page).extracting(AgentEvent::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
      page.forEach(e -> seen.add(e.message()));
      before = page.getLast().id();
    }
    assertThat(pageSizes).containsExactly(10, 10, 5);
    assertThat(seen)
        .containsExactlyElementsOf(
            IntStream.iterate(24, i -> i >= 0, i -> i - 1)
                .mapToObj(i -> "health changed " + i)
                .toList());
    AgentEvent newest = store.events(uid, Long.MAX_VALUE, 1).getFirst();
    assertThat(newest).isEqualTo(stored.getLast());
    assertThat(newest.details()).containsEntry("n", "24").containsEntry("to", "healthy");
  }

  @Test
  void commandsAreStoredUpdatedAndListed() {
    InstanceUid a = uid();
    InstanceUid b = uid();
    QueuedCommand first = store.insertCommand(restart(a));
    QueuedCommand second = store.insertCommand(custom(b, "flush"));
    QueuedCommand third = store.insertCommand(custom(a, "forward"));
    assertThat(List.of(first.id(), second.id(), third.id())).isSorted().doesNotHaveDuplicates();

    QueuedCommand sent = first.withStatus(QueuedCommand.SENT, T0.plusSeconds(1), null);
    store.updateCommand(sent);
    store.updateCommand(restart(a).withId(999_999)); // gone: nothing happens

    assertThat(store.command(first.id())).get().usingRecursiveComparison().isEqualTo(sent);
    assertThat(store.command(second.id())).get().usingRecursiveComparison().isEqualTo(second);
    assertThat(store.command(999_999)).isEmpty();
    assertThat(store.pendingCommands())
        .extracting(QueuedCommand::id)
        .containsExactly(second.id(), third.id());
    assertThat(store.commands(a, 10))
        .extracting(QueuedCommand::id)
        .containsExactly(third.id(), first.id());
    assertThat(store.commands(a, 1)).extracting(QueuedCommand::id).containsExactly(third.id());
  }

  @Test
  void reopeningKeepsEverythingAndMigratesOnlyOnce() {
    AgentRecord agent = fullAgent(uid(), 5);
    store.saveAgents(List.of(agent));
    List<AgentEvent> events = store.appendEvents(List.of(event(agent.instanceUid(), 1)));
    QueuedCommand command = store.insertCommand(custom(agent.instanceUid(), "flush"));
    store.close();

    store = database.open();
    store.close();
    store = database.open();

    assertThat(store.loadAgents()).containsExactly(agent);
    assertThat(store.events(agent.instanceUid(), Long.MAX_VALUE, 10)).isEqualTo(events);
    assertThat(store.pendingCommands())
        .singleElement()
        .usingRecursiveComparison()
        .isEqualTo(command);
    int applied =
        store.withConnection(
            "counting migrations",
            c -> {
              try (var s = c.createStatement();
                  var rs =
                      s.executeQuery(
                          "SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE"
                              + " AND version IS NOT NULL")) {
                rs.next();
                return rs.getInt(1);
              }
            });
    // One row per migration script, however often the store was opened.
    assertThat(applied).isEqualTo(MIGRATION_SCRIPTS);
  }

  @Test
  void describesTheDatabaseWithoutCredentials() {
    switch (kind) {
      case SQLITE ->
          assertThat(store.describe())
              .isEqualTo(
                  "sqlite:" + database.dataDir().toAbsolutePath().resolve(Database.SQLITE_FILE));
      case POSTGRESQL ->
          assertThat(store.describe())
              .startsWith("postgresql://localhost:")
              .doesNotContain("user")
              .doesNotContain("?");
    }
  }

  @Test
  void sqliteRunsInWalModeAndWaitsForLocks() {
    assumeTrue(kind == StoreKind.SQLITE, "SQLite only");

    assertThat(pragma("journal_mode")).isEqualTo("wal");
    assertThat(pragma("busy_timeout"))
        .isEqualTo(Long.toString(TestDatabases.FAST.busyTimeout().toMillis()));
  }

  private String pragma(String name) {
    return store.withConnection(
        "reading " + name,
        c -> {
          try (var s = c.createStatement();
              var rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  private static List<String> messages(List<AgentEvent> events) {
    return events.stream().map(AgentEvent::message).toList();
  }
}
