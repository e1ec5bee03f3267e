package dev.flotilla.supervisor.remoteconfig;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import dev.flotilla.fluentconfig.tools.LintRun;
import dev.flotilla.supervisor.agent.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema check of the {@code fluent-config} module (the same as {@code flotilla config lint}
 * with the default profile): only ERROR findings reject a config; warnings are left to the agent.
 */
public final class FluentConfigSchemaCheck implements SchemaCheck {

  private final Linter linter;

  public FluentConfigSchemaCheck() {
    linter = Linter.bundledDefault(new SchemaJson());
  }

  @Override
  public Validation check(Path stagedMainFile) {
    List<Finding> errors;
    try {
      errors =
          new LintRun(new FileSystemSource(), linter)
              .lint(stagedMainFile).findings().stream()
                  .filter(f -> f.severity() == Severity.ERROR)
                  .toList();
    } catch (IOException | UncheckedIOException e) {
      return Validation.invalid("schema check could not read the config: " + e.getMessage());
    }
    return errors.isEmpty()
        ? Validation.ok()
        : Validation.invalid(
            errors.stream().map(Finding::toString).collect(Collectors.joining("\n")));
  }
}
