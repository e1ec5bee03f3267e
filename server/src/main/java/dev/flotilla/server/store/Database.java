package dev.flotilla.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one database behind every feature store: SQLite (the embedded default) or PostgreSQL, a
 * HikariCP pool, and the schema migrated by Flyway from {@code db/migration} when it opens. Feature
 * stores ({@code agents}, {@code commands}, {@code config}, {@code configs}, {@code rollout}) keep
 * their tables here and reach it through {@link #jdbc()}.
 */
public final class Database implements AutoCloseable {

  /** The SQLite file inside the data directory. */
  public static final String SQLITE_FILE = "flotilla.db";

  /**
   * Pool and driver settings.
   *
   * @param maxPoolSize connections kept open (SQLite serializes writers anyway)
   * @param connectionTimeout how long a call waits for a connection before it fails; this bounds
   *     how long the store writer is stuck on an unreachable database
   * @param busyTimeout SQLite only: how long a write waits for another process's lock
   * @param socketTimeout PostgreSQL only: how long a statement may wait on the network
   */
  public record Settings(
      int maxPoolSize, Duration connectionTimeout, Duration busyTimeout, Duration socketTimeout) {
    public static final Settings DEFAULTS =
        new Settings(4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  private final Jdbc jdbc;
  private final String description;

  private Database(Jdbc jdbc, String description) {
    this.jdbc = jdbc;
    this.description = description;
  }

  /** {@link #open(String, Path, Settings)} with {@link Settings#DEFAULTS}. */
  public static Database open(String jdbcUrlOrNull, Path dataDir) {
    return open(jdbcUrlOrNull, dataDir, Settings.DEFAULTS);
  }

  /**
   * Connects and migrates the schema to the newest version.
   *
   * @param jdbcUrlOrNull {@code jdbc:postgresql://...} or {@code jdbc:sqlite:<file>}; null for the
   *     default SQLite file {@value #SQLITE_FILE} in {@code dataDir}
   * @param dataDir created when missing; only used for the default SQLite file
   * @throws IllegalArgumentException for an unsupported url
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrlOrNull, Path dataDir, Settings settings) {
    String url = jdbcUrlOrNull;
    if (url == null || url.isBlank()) {
      Path file = dataDir.toAbsolutePath().resolve(SQLITE_FILE);
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new StoreException("creating data directory " + file.getParent(), e);
      }
      url = Dialect.SQLITE.urlPrefix + file;
    }
    Dialect dialect = Dialect.of(url);
    String description = dialect.describe(url);

    HikariConfig config = new HikariConfig();
    config.setPoolName("flotilla-store");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(
        Math.min(settings.connectionTimeout().toMillis(), Duration.ofSeconds(5).toMillis()));
    dialect.configure(config, settings);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("connecting to " + description + ": " + e.getMessage(), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .placeholders(Map.of("autoId", dialect.autoIdColumn))
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("migrating the schema of " + description, e);
    }
    return new Database(new Jdbc(pool, dialect), description);
  }

  /** The pool and transactions. */
  public Jdbc jdbc() {
    return jdbc;
  }

  /** For example {@code sqlite:/var/lib/flotilla/flotilla.db} or {@code postgresql://db/fleet}. */
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    jdbc.close();
  }
}
