package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.Jdbc;
import java.util.HashMap;
import java.util.Map;

/** {@link ApprovalStore} over the {@code agent_approvals} table. Thread-safe. */
public final class JdbcApprovalStore implements ApprovalStore {

  private final Jdbc db;
  private final String description;

  public JdbcApprovalStore(Database database) {
    this.db = database.jdbc();
    this.description = database.describe();
  }

  @Override
  public Map<InstanceUid, String> loadApprovals() {
    return db.read(
        "reading approvals from " + description,
        c -> {
          Map<InstanceUid, String> out = new HashMap<>();
          try (var ps = c.prepareStatement("SELECT instance_uid, state FROM agent_approvals");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(InstanceUid.parse(rs.getString(1)), rs.getString(2));
            }
          }
          return out;
        });
  }
}
