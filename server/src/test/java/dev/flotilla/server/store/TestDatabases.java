package dev.flotilla.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh, empty databases for store tests: a SQLite file in a test's temporary folder, or a new
 * database in one embedded PostgreSQL, started on first use (about 2 s) and stopped after the test
 * class. Register it on a static field with {@code @RegisterExtension}.
 */
public final class TestDatabases implements AfterAllCallback {

  /** Short timeouts, so tests of failures do not wait long. */
  public static final Database.Settings FAST =
      new Database.Settings(
          4, Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(10));

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private EmbeddedPostgres postgres;

  /** A database that exists and is empty; opening it creates the schema. */
  public record TestDatabase(StoreKind kind, String jdbcUrl, Path dataDir) {
    public FleetTables open() {
      return open(FAST);
    }

    public FleetTables open(Database.Settings settings) {
      return FleetTables.open(jdbcUrl, dataDir, settings);
    }
  }

  public TestDatabase fresh(StoreKind kind, Path tempDir) {
    Path dataDir = tempDir.resolve("data");
    return switch (kind) {
      case SQLITE -> new TestDatabase(kind, null, dataDir);
      case POSTGRESQL -> {
        String name = "fleet_" + DATABASES.incrementAndGet();
        try (var c = postgres().getPostgresDatabase().getConnection();
            var s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
          throw new IllegalStateException("creating test database " + name, e);
        }
        yield new TestDatabase(kind, postgres.getJdbcUrl("postgres", name), dataDir);
      }
    };
  }

  public synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
