package dev.flotilla.supervisor.remoteconfig;

import dev.flotilla.supervisor.agent.Validation;
import java.nio.file.Path;

/**
 * A check of a candidate config against plugin schemas, run on the staged copy (main file plus
 * everything it includes) before the agent's own dry run.
 */
@FunctionalInterface
public interface SchemaCheck {

  Validation check(Path stagedMainFile);

  static SchemaCheck none() {
    return file -> Validation.ok();
  }
}
