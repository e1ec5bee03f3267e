package dev.flotilla.cli.agents;

import dev.flotilla.cli.configs.LintRefusal;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentEventView;
import dev.flotilla.fleet.AgentPage;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.RemoteConfigRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code flotilla agents …}: look at and act on agents through a running server's API. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "List, inspect and act on agents through a running server.")
public final class AgentsCommand {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Mixin ServerOptions server;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Command(name = "list", description = "List agents (filters as in the API).")
  int list(
      @Option(names = "--connected", description = "Only connected (true) or disconnected (false).")
          Boolean connected,
      @Option(names = "--healthy", description = "Only healthy (true) or unhealthy (false).")
          Boolean healthy,
      @Option(
              names = {"-l", "--selector"},
              paramLabel = "KEY=VALUE",
              description = "Attribute or label to match (repeatable).")
          Map<String, String> selector,
      @Option(
              names = {"-q", "--text"},
              description = "Text in uid, attributes or labels.")
          String text,
      @Option(names = "--approval", description = "approved, pending or blocked.") String approval,
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "At most this many (default ${DEFAULT-VALUE}).")
          int limit,
      @Option(names = "--json", description = "Print JSON instead of a table.") boolean json) {
    AgentPage page =
        server
            .fleet()
            .agents(new AgentQuery(connected, healthy, selector, text, null, 0, limit, approval));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(page));
      return 0;
    }
    out.printf(
        "%-36s  %-20s  %-10s  %-9s  %-8s  %-8s  %s%n",
        "INSTANCE UID", "NAME", "TRANSPORT", "STATE", "HEALTH", "CONFIG", "LABELS");
    for (Agent a : page.items()) {
      out.printf(
          "%-36s  %-20s  %-10s  %-9s  %-8s  %-8s  %s%n",
          a.instanceUid(),
          truncate(a.name(), 20),
          a.connection() == null ? "-" : a.connection().transport(),
          a.connection() != null && a.connection().connected() ? "connected" : "offline",
          a.health() == null ? "-" : a.health().healthy() ? "healthy" : "UNHEALTHY",
          a.remoteConfigStatus().status(),
          a.labels());
    }
    out.printf("%d of %d agent(s)%n", page.items().size(), page.total());
    return 0;
  }

  @Command(name = "get", description = "Everything the server knows about one agent, as JSON.")
  int get(@Parameters(paramLabel = "UID") String uid) {
    spec.commandLine().getOut().println(JSON.writeValueAsString(server.fleet().agent(uid)));
    return 0;
  }

  @Command(
      name = "label",
      description = "Replace an agent's labels: KEY=VALUE … (none clears them).")
  int label(
      @Parameters(index = "0", paramLabel = "UID") String uid,
      @Parameters(index = "1..*", paramLabel = "KEY=VALUE") Map<String, String> labels) {
    Agent a = server.fleet().setLabels(uid, labels == null ? Map.of() : labels);
    spec.commandLine().getOut().println("labels of " + a.instanceUid() + ": " + a.labels());
    return 0;
  }

  @Command(name = "restart", description = "Restart the agent (it must accept restart commands).")
  int restart(@Parameters(paramLabel = "UID") String uid) {
    var c = server.fleet().sendCommand(uid, CommandRequest.restart());
    spec.commandLine().getOut().println("restart command " + c.id() + " " + c.status());
    return 0;
  }

  @Command(
      name = "push-config",
      description = "Offer config files to one agent (until rollouts arrive).")
  int pushConfig(
      @Parameters(index = "0", paramLabel = "UID") String uid,
      @Parameters(index = "1..*", paramLabel = "FILE", arity = "1..*") Path[] files,
      @Option(
              names = "--content-type",
              defaultValue = "text/plain",
              description = "Content type of the files (default ${DEFAULT-VALUE}).")
          String contentType,
      @Option(names = "--force", description = "Offer it even when lint finds errors.")
          boolean force)
      throws IOException {
    Map<String, Agent.ConfigFile> map = new LinkedHashMap<>();
    for (Path f : files) {
      map.put(f.getFileName().toString(), new Agent.ConfigFile(Files.readString(f), contentType));
    }
    Agent.RemoteConfig rc =
        LintRefusal.unlessRefused(
            () -> server.fleet().setRemoteConfig(uid, new RemoteConfigRequest(map, force)));
    spec.commandLine().getOut().println("offered config " + rc.hash() + " (" + map.keySet() + ")");
    return 0;
  }

  @Command(name = "events", description = "The agent's history, newest first.")
  int events(
      @Parameters(paramLabel = "UID") String uid,
      @Option(
              names = "--limit",
              defaultValue = "20",
              description = "How many (default ${DEFAULT-VALUE}).")
          int limit) {
    AgentEventView.Page page = server.fleet().events(uid, null, limit);
    for (AgentEventView e : page.items()) {
      spec.commandLine().getOut().printf("%s  %-22s %s%n", e.time(), e.type(), e.message());
    }
    return 0;
  }

  @Command(name = "approve", description = "Let a pending or blocked agent in.")
  int approve(@Parameters(paramLabel = "UID") String uid) {
    spec.commandLine().getOut().println(uid + ": " + server.fleet().approve(uid).approval());
    return 0;
  }

  @Command(name = "block", description = "Refuse the agent on both transports.")
  int block(@Parameters(paramLabel = "UID") String uid) {
    spec.commandLine().getOut().println(uid + ": " + server.fleet().block(uid).approval());
    return 0;
  }

  @Command(name = "forget", description = "Forget the agent, its history and its commands (admin).")
  int forget(@Parameters(paramLabel = "UID") String uid) {
    server.fleet().forget(uid);
    spec.commandLine().getOut().println("forgot " + uid);
    return 0;
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
