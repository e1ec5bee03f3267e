package dev.flotilla.cli.configs;

import dev.flotilla.cli.agents.ServerOptions;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.ConfigSummary;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.VersionCreated;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code flotilla configs …}: the server's versioned configs. */
@Command(
    name = "configs",
    mixinStandardHelpOptions = true,
    description = "Publish, list, show and compare config versions on a running server.")
public final class ConfigsCommand {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Mixin ServerOptions server;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Command(name = "list", description = "Every config with its newest version.")
  int list(@Option(names = "--json", description = "Print JSON instead of a table.") boolean json) {
    List<ConfigSummary> configs = deployments().configs();
    PrintWriter out = out();
    if (json) {
      out.println(JSON.writeValueAsString(configs));
      return 0;
    }
    String row = "%-32s  %-7s  %-12s  %-8s  %-20s  %s%n";
    out.printf(row, "NAME", "LATEST", "HASH", "VERSIONS", "UPDATED", "KIND");
    for (ConfigSummary c : configs) {
      out.printf(
          row,
          c.name(),
          c.latestVersion(),
          shortHash(c.latestHash()),
          c.versionCount(),
          Tables.time(c.updatedAt()),
          c.implicit() ? "agent push" : "published");
    }
    out.printf("%d config(s)%n", configs.size());
    return 0;
  }

  @Command(name = "versions", description = "The versions of one config, newest first.")
  int versions(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--json", description = "Print JSON instead of a table.") boolean json) {
    List<ConfigVersion> versions = deployments().versions(name);
    PrintWriter out = out();
    if (json) {
      out.println(JSON.writeValueAsString(versions));
      return 0;
    }
    String row = "%-7s  %-12s  %-20s  %-16s  %-14s  %s%n";
    out.printf(row, "VERSION", "HASH", "CREATED", "AUTHOR", "LINT", "MESSAGE");
    for (ConfigVersion v : versions) {
      out.printf(
          row,
          v.version(),
          shortHash(v.hash()),
          Tables.time(v.createdAt()),
          Tables.truncate(v.author(), 16),
          lint(v.lint()),
          v.message() == null ? "" : v.message());
    }
    return 0;
  }

  @Command(
      name = "show",
      description = "One version: its details and files (the newest without @VERSION).")
  int show(
      @Parameters(paramLabel = "NAME[@VERSION]") String ref,
      @Option(
              names = "--file",
              paramLabel = "FILE",
              description = "Print only this file's text, as it is.")
          String file,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    ConfigVersion v = resolve(ConfigRef.parse(ref));
    PrintWriter out = out();
    if (file != null) {
      Agent.ConfigFile f = v.files().get(file);
      if (f == null) {
        throw new IllegalArgumentException(
            v.name()
                + "@"
                + v.version()
                + " has no file "
                + file
                + "; it has "
                + v.files().keySet());
      }
      out.print(f.body());
      out.flush();
      return 0;
    }
    if (json) {
      out.println(JSON.writeValueAsString(v));
      return 0;
    }
    out.printf("config   %s@%d%n", v.name(), v.version());
    out.printf("hash     %s%n", v.hash());
    out.printf("created  %s by %s (%s)%n", Tables.time(v.createdAt()), v.author(), v.source());
    out.printf("message  %s%n", v.message() == null ? "" : v.message());
    out.printf("lint     %s%n", lint(v.lint()));
    if (v.lint() != null) {
      v.lint().findings().forEach(line -> out.printf("         %s%n", line));
    }
    for (Map.Entry<String, Agent.ConfigFile> e : v.files().entrySet()) {
      out.printf("%n==> %s (%s) <==%n", e.getKey(), e.getValue().contentType());
      String body = e.getValue().body();
      out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
    }
    return 0;
  }

  @Command(name = "diff", description = "Unified diff between two versions of one config.")
  int diff(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1", paramLabel = "FROM") int from,
      @Parameters(index = "2", paramLabel = "TO") int to) {
    PrintWriter out = out();
    String unified = deployments().diff(name, from, to).unified();
    if (unified.isEmpty()) {
      out.printf("%s@%d and %s@%d have the same files%n", name, from, name, to);
      return 0;
    }
    out.print(unified);
    out.flush();
    return 0;
  }

  @Command(
      name = "publish",
      description =
          "Publish files, or every file in folders, as the next version of a config. The server"
              + " lints it first and refuses it on errors unless --force.")
  int publish(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE|DIR") List<Path> paths,
      @Option(
              names = {"-m", "--message"},
              paramLabel = "TEXT",
              description = "What changed.")
          String message,
      @Option(names = "--force", description = "Publish even when lint finds errors.")
          boolean force)
      throws IOException {
    Map<String, Agent.ConfigFile> files = Bundle.read(paths);
    VersionCreated v =
        LintRefusal.unlessRefused(
            () ->
                deployments()
                    .publish(
                        name,
                        new PublishRequest(files, message == null ? "" : message, force, null)));
    out()
        .printf(
            "%s %s@%d hash %s (%s)%n",
            v.created() ? "published" : "unchanged, already",
            v.name(),
            v.version(),
            v.hash(),
            String.join(", ", files.keySet()));
    return 0;
  }

  private ConfigVersion resolve(ConfigRef ref) {
    Deployments d = deployments();
    if (ref.version() != null) {
      return d.version(ref.name(), ref.version());
    }
    List<ConfigVersion> versions = d.versions(ref.name());
    if (versions.isEmpty()) {
      throw new FleetException(FleetException.Kind.NOT_FOUND, "no config named " + ref.name());
    }
    return versions.getFirst();
  }

  private Deployments deployments() {
    return server.deployments();
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private static String lint(ConfigVersion.Lint lint) {
    if (lint == null) {
      return "-";
    }
    String counts = lint.errors() + "E " + lint.warnings() + "W";
    return lint.forced() && lint.errors() > 0 ? counts + " forced" : counts;
  }

  private static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }
}
