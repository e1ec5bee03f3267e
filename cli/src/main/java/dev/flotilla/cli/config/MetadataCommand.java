package dev.flotilla.cli.config;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla config metadata get|set}: the version header of a config file. */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description =
        "Read or write the metadata header (config_version, config_type, engine_version,"
            + " source_revision, date, instance_id_template).",
    subcommands = {MetadataCommand.Get.class, MetadataCommand.Set.class})
public final class MetadataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print metadata as key: value lines (or one value with --key).")
  static final class Get implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--key", description = "Print only this key's value; exit 1 when it is absent.")
    String key;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try {
        ConfigDocument doc = ConfigDocument.parse(file.toString(), Outcome.read(file));
        ConfigMetadata m = Metadata.read(doc);
        if (key != null) {
          if (m.get(key).isEmpty()) {
            return Outcome.FINDINGS;
          }
          out.println(m.get(key).get());
        } else {
          m.values().forEach((k, v) -> out.println(k + ": " + v));
        }
        out.flush();
        return Outcome.CLEAN;
      } catch (ConfigParseException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return Outcome.FINDINGS;
      } catch (IOException e) {
        return Outcome.ioError(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set metadata keys; prints the file unless --in-place.")
  static final class Set implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "1..*")
    List<String> pairs;

    @Option(
        names = {"-i", "--in-place"},
        description = "Rewrite the file.")
    boolean inPlace;

    @Option(names = "--extensions", description = "For YAML, also write extensions.flotilla.")
    boolean extensions;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      ConfigMetadata m = ConfigMetadata.empty();
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          err.println("flotilla: expected KEY=VALUE, got '" + pair + "'");
          return Outcome.USAGE_OR_IO;
        }
        m = m.with(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      try {
        ConfigDocument doc = ConfigDocument.parse(file.toString(), Outcome.read(file));
        String text = Metadata.write(doc, m, extensions);
        if (inPlace) {
          Files.writeString(file, text, StandardCharsets.UTF_8);
        } else {
          spec.commandLine().getOut().print(text);
          spec.commandLine().getOut().flush();
        }
        return Outcome.CLEAN;
      } catch (ConfigParseException e) {
        err.println(e.getMessage());
        return Outcome.FINDINGS;
      } catch (IOException e) {
        return Outcome.ioError(err, e);
      }
    }
  }
}
