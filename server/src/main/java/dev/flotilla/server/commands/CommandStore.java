package dev.flotilla.server.commands;

import dev.flotilla.opamp.InstanceUid;
import java.util.List;
import java.util.Optional;

/**
 * Commands queued for agents. Throws {@link dev.flotilla.server.store.StoreException} when the
 * database fails.
 */
public interface CommandStore {

  /** Stores a new command and returns it with its id. */
  QueuedCommand insertCommand(QueuedCommand command);

  /** Replaces every column of the stored command; does nothing when it is gone. */
  void updateCommand(QueuedCommand command);

  Optional<QueuedCommand> command(long id);

  /** Commands not yet delivered ({@code queued}), oldest first, for every agent. */
  List<QueuedCommand> pendingCommands();

  /** An agent's commands, newest first. */
  List<QueuedCommand> commands(InstanceUid uid, int limit);
}
