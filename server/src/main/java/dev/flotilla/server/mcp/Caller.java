package dev.flotilla.server.mcp;

import dev.flotilla.server.config.Role;

/**
 * Who sent an MCP request, as the gate authenticated it.
 *
 * @param name for the audit trail, e.g. {@code token alice}
 * @param key distinguishes callers that share a display name (all OIDC users are {@code oidc
 *     user}): a digest of the bearer token, never the token itself
 */
record Caller(String name, Role role, String key) {

  /** The actor recorded in the audit trail for what this caller changes. */
  String actor() {
    return name + " via MCP";
  }
}
