package dev.flotilla.server.mcp;

/** Where tool calls that change something are recorded: the server's audit trail. */
@FunctionalInterface
interface Audit {
  void record(String actor, String action, String target, String detail);
}
