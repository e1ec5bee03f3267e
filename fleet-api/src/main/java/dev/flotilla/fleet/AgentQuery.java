package dev.flotilla.fleet;

import java.util.Map;

/**
 * A filter over the fleet. Null fields do not filter.
 *
 * @param selector every entry must equal a label or a reported attribute of the agent
 * @param text case-insensitive substring of the uid, name, any attribute value or label
 * @param sort {@code name} (default), {@code lastSeen} (newest first), {@code firstSeen} or {@code
 *     instanceUid}
 * @param approval {@code approved}, {@code pending} or {@code blocked}
 * @param configStatus the remote config status: UNSET, APPLYING, APPLIED or FAILED
 * @param drift true for agents whose config differs from their desired version (or failed it),
 *     false for the others
 */
public record AgentQuery(
    Boolean connected,
    Boolean healthy,
    Map<String, String> selector,
    String text,
    String sort,
    int offset,
    int limit,
    String approval,
    String configStatus,
    Boolean drift) {

  public AgentQuery(
      Boolean connected,
      Boolean healthy,
      Map<String, String> selector,
      String text,
      String sort,
      int offset,
      int limit,
      String approval,
      String configStatus) {
    this(connected, healthy, selector, text, sort, offset, limit, approval, configStatus, null);
  }

  public AgentQuery(
      Boolean connected,
      Boolean healthy,
      Map<String, String> selector,
      String text,
      String sort,
      int offset,
      int limit,
      String approval) {
    this(connected, healthy, selector, text, sort, offset, limit, approval, null, null);
  }

  public AgentQuery(
      Boolean connected,
      Boolean healthy,
      Map<String, String> selector,
      String text,
      String sort,
      int offset,
      int limit) {
    this(connected, healthy, selector, text, sort, offset, limit, null, null, null);
  }

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AgentQuery {
    if (approval != null
        && !java.util.Set.of("approved", "pending", "blocked").contains(approval)) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST,
          "approval must be approved, pending or blocked, not '" + approval + "'");
    }
    if (configStatus != null
        && !java.util.Set.of("UNSET", "APPLYING", "APPLIED", "FAILED").contains(configStatus)) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST,
          "configStatus must be UNSET, APPLYING, APPLIED or FAILED, not '" + configStatus + "'");
    }
    selector = selector == null ? Map.of() : Map.copyOf(selector);
    if (offset < 0) {
      throw new FleetException(FleetException.Kind.BAD_REQUEST, "offset must be >= 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static AgentQuery all() {
    return new AgentQuery(null, null, Map.of(), null, null, 0, DEFAULT_LIMIT);
  }
}
