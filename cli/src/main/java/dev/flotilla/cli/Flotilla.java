package dev.flotilla.cli;

import dev.flotilla.cli.demo.DemoCommand;
import dev.flotilla.cli.server.ServerCommand;
import dev.flotilla.cli.sim.SimCommand;
import dev.flotilla.cli.supervisor.SupervisorCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flotilla} command: starts any part of Flotilla or talks to a running server. */
@Command(
    name = "flotilla",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Fleet management for Fluent Bit and Fluentd over OpAMP.",
    subcommands = {
      ServerCommand.class,
      DemoCommand.class,
      dev.flotilla.cli.editor.EditorCommand.class,
      dev.flotilla.cli.catalog.CatalogCommand.class,
      dev.flotilla.cli.agents.AgentsCommand.class,
      dev.flotilla.cli.configs.ConfigsCommand.class,
      dev.flotilla.cli.rollouts.RolloutsCommand.class,
      SimCommand.class,
      SupervisorCommand.class,
      dev.flotilla.cli.config.ConfigCommand.class,
      dev.flotilla.cli.config.SchemaCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class Flotilla implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the one exit-code mapper every subcommand shares. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** Same, with commands made by {@code factory} (tests give some a faster clock or poll). */
  public static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(new Flotilla(), factory).setExecutionExceptionHandler(new ExitCodes());
  }

  public static void main(String[] args) {
    // Exit explicitly: some libraries leave non-daemon threads behind.
    System.exit(commandLine().execute(args));
  }
}
