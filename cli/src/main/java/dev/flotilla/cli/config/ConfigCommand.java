package dev.flotilla.cli.config;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flotilla config}: offline tools for Fluent Bit and Fluentd config files. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Offline config tools: lint, convert, metadata.",
    subcommands = {LintCommand.class, ConvertCommand.class, MetadataCommand.class})
public final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
