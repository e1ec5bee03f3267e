package dev.flotilla.cli.config;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import dev.flotilla.fluentconfig.tools.FindingsFormat;
import dev.flotilla.fluentconfig.tools.LintRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla config lint FILE|DIR}. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description =
        "Validate a config file (and its includes) or every main config in a directory. Exit 0"
            + " clean, 1 errors found, 2 usage or I/O error.")
public final class LintCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", description = "Config file or directory.")
  Path target;

  @Option(
      names = "--profile",
      paramLabel = "NAME|FILE",
      defaultValue = "default",
      description = "default, strict, or a profile JSON file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fluent-bit-version",
      paramLabel = "V",
      defaultValue = SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION,
      description = "Schema version to validate against (default: ${DEFAULT-VALUE}).")
  String fluentBitVersion;

  @Option(
      names = "--overlay",
      paramLabel = "DIR",
      description = "Folder of overlay schema documents (repeatable).")
  java.util.List<Path> overlays = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    SchemaJson json = new SchemaJson();
    try {
      SchemaCatalog fluentBit = SchemaCatalog.bundled("fluent-bit", fluentBitVersion, json);
      SchemaCatalog fluentd = SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, json);
      for (Path dir : overlays) {
        fluentBit = fluentBit.withOverlays(dir, json);
        fluentd = fluentd.withOverlays(dir, json);
      }
      Linter linter = new Linter(fluentBit, fluentd, profile(json));
      LintRun.Report report = new LintRun(new FileSystemSource(), linter).lint(target);
      out.print(
          format == Format.json
              ? FindingsFormat.json(report.findings(), json.mapper())
              : FindingsFormat.text(report.findings()));
      out.flush();
      return report.hasErrors() ? Outcome.FINDINGS : Outcome.CLEAN;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return Outcome.ioError(err, e);
    }
  }

  private Profile profile(SchemaJson json) throws IOException {
    Path file = Path.of(profile);
    if (profile.endsWith(".json") || Files.isRegularFile(file)) {
      return Profile.parse(Files.readString(file, StandardCharsets.UTF_8), json.mapper());
    }
    return Profile.bundled(profile, json.mapper());
  }
}
