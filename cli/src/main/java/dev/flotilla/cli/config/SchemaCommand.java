package dev.flotilla.cli.config;

import dev.flotilla.fluentconfig.generate.FluentdCorePlugins;
import dev.flotilla.fluentconfig.generate.SchemaGenerator;
import dev.flotilla.fluentconfig.generate.SchemaSet;
import dev.flotilla.fluentconfig.generate.SchemaWriter;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla schema generate}: builds plugin schema documents. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Plugin schema documents.",
    subcommands = {SchemaCommand.Generate.class})
public final class SchemaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Generate one JSON document per plugin from a -J dump, a local fluent-bit binary or a"
              + " published release schema, optionally merged with facts mined from Fluent Bit's C"
              + " sources.")
  static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    static final class From {
      @Option(names = "--dump", paramLabel = "FILE", description = "Output of fluent-bit -J.")
      Path dump;

      @Option(
          names = "--binary",
          paramLabel = "PATH",
          description = "A fluent-bit executable; it is run with -J.")
      Path binary;

      @Option(
          names = "--release",
          paramLabel = "VERSION",
          description = "Download the schema published with this release.")
      String release;

      @Option(names = "--fluentd", description = "Write Fluentd's core plugin documents.")
      boolean fluentd;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    From from;

    @Option(
        names = "--release-base",
        paramLabel = "URL",
        description = "Base URL of release downloads (default: Fluent Bit's GitHub releases).")
    URI releaseBase = SchemaGenerator.DEFAULT_RELEASE_BASE;

    @Option(
        names = "--source",
        paramLabel = "DIR",
        description = "Fluent Bit source checkout to mine for repeatable options and defaults.")
    Path source;

    @Option(
        names = "--source-archive",
        paramLabel = "FILE|URL",
        description = "Like --source, from a .tar.gz of the sources (a local file or a URL).")
    String sourceArchive;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "Where to write <engine>/<version>/<section>/<name>.json.")
    Path out;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description = "For the binary and downloads (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      SchemaJson json = new SchemaJson();
      Duration timeout = Duration.ofSeconds(timeoutSeconds);
      SchemaGenerator generator =
          new SchemaGenerator(
              json,
              HttpClient.newBuilder()
                  .connectTimeout(timeout)
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build(),
              timeout);
      try {
        SchemaSet set;
        if (from.fluentd) {
          set = FluentdCorePlugins.schemas();
        } else if (from.dump != null) {
          set = generator.fromDump(Files.readString(from.dump, StandardCharsets.UTF_8));
        } else if (from.binary != null) {
          set = generator.fromBinary(from.binary);
        } else {
          set = generator.fromRelease(releaseBase, from.release);
        }
        if (source != null) {
          set = generator.withSourceTree(set, source);
        }
        if (sourceArchive != null) {
          set =
              sourceArchive.startsWith("http://") || sourceArchive.startsWith("https://")
                  ? generator.withSourceArchive(set, URI.create(sourceArchive))
                  : generator.withSourceArchive(set, Path.of(sourceArchive));
        }
        List<Path> written = new SchemaWriter(json).write(set, out);
        spec.commandLine()
            .getOut()
            .println(
                "wrote "
                    + written.size()
                    + " files for "
                    + set.engine()
                    + " "
                    + set.version()
                    + " under "
                    + out);
        return Outcome.CLEAN;
      } catch (IOException | RuntimeException e) {
        return Outcome.ioError(err, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.ioError(err, e);
      }
    }
  }
}
