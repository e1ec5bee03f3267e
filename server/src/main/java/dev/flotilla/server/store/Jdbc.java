package dev.flotilla.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Transactions and small statement helpers over the pool; turns SQL errors into {@link
 * StoreException}. Every feature store (agents, events, approvals, commands, settings, configs,
 * rollouts) shares one {@link Database}'s pool through it; the SQL they write runs unchanged on
 * SQLite and PostgreSQL.
 */
public final class Jdbc implements AutoCloseable {

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final HikariDataSource pool;
  private final Dialect dialect;

  Jdbc(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /**
   * Runs {@code work} in one transaction.
   *
   * @param what the attempt, for the error message: "saving 42 agents to sqlite:/…"
   */
  public <T> T transaction(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      dialect.begin(c);
      try {
        T result = work.run(c);
        dialect.commit(c);
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          dialect.rollback(c);
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
          // the connection may still be inside a transaction: do not hand it out again
          pool.evictConnection(c);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in auto-commit mode: for single-statement reads, which must not take SQLite's
   * write lock as {@link #transaction} does.
   */
  public <T> T read(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  public static void update(Connection c, String sql, String... args) throws SQLException {
    try (var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  public static <T> List<T> list(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
    }
    return out;
  }

  /** Runs an {@code INSERT ... RETURNING id} and returns the id. */
  public static long singleLong(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the insert returned no id");
      }
      return rs.getLong(1);
    }
  }

  /** Binds one row's values from index 1. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /**
   * Inserts every row with {@code insert} (an {@code INSERT} without {@code RETURNING}) and returns
   * the generated {@code id} of each, in order: one batch where the driver returns batch keys, one
   * {@code RETURNING id} statement per row where it does not.
   */
  public <T> long[] insertReturningIds(Connection c, String insert, List<T> rows, Binder<T> binder)
      throws SQLException {
    long[] ids = new long[rows.size()];
    if (dialect.batchReturnsKeys) {
      try (var ps = c.prepareStatement(insert, new String[] {"id"})) {
        for (T row : rows) {
          binder.bind(ps, row);
          ps.addBatch();
        }
        ps.executeBatch();
        readKeys(ps, ids);
      }
    } else {
      try (var ps = c.prepareStatement(insert + " RETURNING id")) {
        for (int i = 0; i < ids.length; i++) {
          binder.bind(ps, rows.get(i));
          ids[i] = singleLong(ps);
        }
      }
    }
    return ids;
  }

  /** Sets a nullable time as epoch milliseconds. */
  public static void setMillis(PreparedStatement ps, int index, java.time.Instant time)
      throws SQLException {
    if (time == null) {
      ps.setNull(index, java.sql.Types.BIGINT);
    } else {
      ps.setLong(index, time.toEpochMilli());
    }
  }

  /** Reads a nullable epoch-milliseconds column. */
  public static java.time.Instant millis(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : java.time.Instant.ofEpochMilli(value);
  }

  /** Reads the generated keys of a batch, one per row, into {@code ids}. */
  private static void readKeys(PreparedStatement ps, long[] ids) throws SQLException {
    int i = 0;
    try (ResultSet keys = ps.getGeneratedKeys()) {
      while (keys.next() && i < ids.length) {
        ids[i++] = keys.getLong(1);
      }
    }
    if (i != ids.length) {
      throw new SQLException("the driver returned " + i + " ids for " + ids.length + " rows");
    }
  }

  private static StoreException failure(String what, SQLException e) {
    // a failed JDBC batch quotes the whole statement with its values; the cause is shorter
    SQLException reason =
        e instanceof BatchUpdateException && e.getNextException() != null
            ? e.getNextException()
            : e;
    return new StoreException(what + ": " + reason.getMessage(), e);
  }
}
