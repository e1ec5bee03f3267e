package dev.flotilla.cli.config;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.tools.FindingsFormat;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla config convert FILE --to yaml|classic}. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description =
        "Convert Fluent Bit classic to YAML or YAML to classic. The result goes to stdout (or"
            + " --output); what could not be carried over is reported on stderr.")
public final class ConvertCommand implements Callable<Integer> {
  enum Target {
    yaml,
    classic
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE")
  Path file;

  @Option(names = "--to", required = true, description = "yaml or classic.")
  Target to;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here; extra files (parsers, upstreams) go next to it.")
  Path output;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      String text = Outcome.read(file);
      ConfigDocument doc = ConfigDocument.parse(file.toString(), text);
      Conversion c;
      if (to == Target.yaml && doc instanceof ClassicDocument classic) {
        c = new ClassicToYaml().convert(classic);
      } else if (to == Target.classic && doc instanceof YamlDocument yaml) {
        c = new YamlToClassic().convert(yaml);
      } else {
        err.println("flotilla: " + file + " is " + doc.format() + "; cannot convert it to " + to);
        return Outcome.USAGE_OR_IO;
      }
      if (output == null) {
        out.print(c.text());
        for (Map.Entry<String, String> extra : c.extraFiles().entrySet()) {
          out.println("# ---- " + extra.getKey());
          out.print(extra.getValue());
        }
      } else {
        Files.writeString(output, c.text(), StandardCharsets.UTF_8);
        Path dir = output.toAbsolutePath().getParent();
        for (Map.Entry<String, String> extra : c.extraFiles().entrySet()) {
          Files.writeString(dir.resolve(extra.getKey()), extra.getValue(), StandardCharsets.UTF_8);
        }
      }
      out.flush();
      if (!c.report().isEmpty()) {
        err.print(FindingsFormat.text(c.report()));
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
