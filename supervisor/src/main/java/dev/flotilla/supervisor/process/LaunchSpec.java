package dev.flotilla.supervisor.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What to run: executable, arguments, extra environment and working directory (null: inherit). */
public record LaunchSpec(
    Path executable, List<String> args, Map<String, String> env, Path workingDir) {

  public LaunchSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    return command;
  }
}
