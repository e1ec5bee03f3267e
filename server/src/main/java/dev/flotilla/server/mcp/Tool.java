package dev.flotilla.server.mcp;

import dev.flotilla.server.config.Role;
import java.util.Map;

/**
 * One MCP tool: what clients see in {@code tools/list} and what a call does.
 *
 * @param schema the JSON schema of the arguments (an object schema)
 * @param role the least role that may call it
 * @param plan for a {@link Effect#DESTRUCTIVE} tool: what a call would change, shown before the
 *     caller confirms; null for the others
 */
record Tool(
    String name,
    String title,
    String description,
    Map<String, Object> schema,
    Role role,
    Effect effect,
    boolean idempotent,
    Action plan,
    Action action) {

  /** What a call does to the fleet; decides the annotations and the confirmation gate. */
  enum Effect {
    READ,
    /** Changes something that is easily undone (approve, pause, resume). */
    WRITE,
    /** Restarts, refuses, reselects or redeploys agents: acts only on a confirmed second call. */
    DESTRUCTIVE
  }

  /** Runs with the validated arguments; returns what becomes the structured result. */
  @FunctionalInterface
  interface Action {
    Object run(Args args, Caller caller);
  }

  static Tool read(
      String name, String title, String description, Map<String, Object> schema, Action action) {
    return new Tool(name, title, description, schema, Role.VIEWER, Effect.READ, true, null, action);
  }

  static Tool write(
      String name,
      String title,
      String description,
      Map<String, Object> schema,
      boolean idempotent,
      Action action) {
    return new Tool(
        name, title, description, schema, Role.OPERATOR, Effect.WRITE, idempotent, null, action);
  }

  static Tool destructive(
      String name,
      String title,
      String description,
      Map<String, Object> schema,
      boolean idempotent,
      Action plan,
      Action action) {
    return new Tool(
        name,
        title,
        description,
        schema,
        Role.OPERATOR,
        Effect.DESTRUCTIVE,
        idempotent,
        plan,
        action);
  }
}
