package dev.flotilla.cli.rollouts;

import dev.flotilla.cli.ExitCodes;
import dev.flotilla.cli.agents.ServerOptions;
import dev.flotilla.cli.configs.ConfigRef;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.RolloutView;
import dev.flotilla.fleet.Share;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code flotilla rollouts …}: deploy a config version to the fleet batch by batch. */
@Command(
    name = "rollouts",
    mixinStandardHelpOptions = true,
    description = "Start, follow, pause, resume, abort and roll back rollouts on a running server.")
public final class RolloutsCommand {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Mixin ServerOptions server;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Duration pollInterval;
  private final RolloutWatch.Sleeper sleeper;
  private final Clock clock;
  private final BooleanSupplier terminal;

  public RolloutsCommand() {
    this(
        Duration.ofSeconds(1),
        d -> Thread.sleep(d),
        Clock.systemUTC(),
        () -> System.console() != null);
  }

  RolloutsCommand(
      Duration pollInterval, RolloutWatch.Sleeper sleeper, Clock clock, BooleanSupplier terminal) {
    this.pollInterval = pollInterval;
    this.sleeper = sleeper;
    this.clock = clock;
    this.terminal = terminal;
  }

  @Command(
      name = "start",
      description =
          "Roll a config version out to the agents matching the selector: an optional canary"
              + " first, then batches; a failure over the budget pauses it.")
  int start(
      @Parameters(paramLabel = "CONFIG[@VERSION]", description = "The newest without @VERSION.")
          String config,
      @Option(
              names = {"-l", "--selector"},
              paramLabel = "KEY=VALUE",
              description = "Attribute or label the agents must have (repeatable; none: all).")
          Map<String, String> selector,
      @Option(
              names = "--canary",
              paramLabel = "N|N%",
              converter = ShareConverter.class,
              description = "Agents first, on their own (default none).")
          Share canary,
      @Option(
              names = "--batch",
              paramLabel = "N|N%",
              converter = ShareConverter.class,
              description = "Agents per batch after the canary (default all the rest).")
          Share batch,
      @Option(
              names = "--pause",
              paramLabel = "SECONDS",
              description = "Wait between batches (default 0).")
          Integer pauseSeconds,
      @Option(
              names = "--healthy-for",
              paramLabel = "SECONDS",
              description = "An agent is done once APPLIED and healthy this long (default 0).")
          Integer healthySeconds,
      @Option(
              names = "--timeout",
              paramLabel = "SECONDS",
              description = "An offered agent not done by then has timed out (default 300).")
          Integer timeoutSeconds,
      @Option(
              names = "--max-failures",
              paramLabel = "N|N%",
              converter = ShareConverter.class,
              description = "Failed or timed-out agents tolerated; one more pauses (default 0).")
          Share maxFailures,
      @Option(names = "--wait", description = "Follow it until it is finished or paused.")
          boolean wait,
      @Option(names = "--json", description = "Print the new rollout as JSON.") boolean json)
      throws InterruptedException {
    ConfigRef ref = ConfigRef.parse(config);
    RolloutStrategy strategy =
        new RolloutStrategy(
            canary, batch, pauseSeconds, healthySeconds, timeoutSeconds, maxFailures);
    RolloutView r =
        deployments()
            .startRollout(
                new RolloutRequest(
                    ref.name(),
                    ref.version(),
                    selector == null ? Map.of() : selector,
                    strategy.withDefaults()));
    if (json) {
      out().println(JSON.writeValueAsString(r));
    } else {
      out()
          .printf(
              "started rollout %s: %s@%d to %d agent(s) matching %s%n",
              r.id(),
              r.config(),
              r.version(),
              r.agents().size(),
              r.selector().isEmpty() ? "(every agent)" : r.selector());
    }
    return wait ? follow(r) : 0;
  }

  @Command(name = "list", description = "Every rollout, newest first.")
  int list(@Option(names = "--json", description = "Print JSON instead of a table.") boolean json) {
    List<RolloutView> rollouts = deployments().rollouts();
    if (json) {
      out().println(JSON.writeValueAsString(rollouts));
    } else {
      RolloutText.list(out(), rollouts);
    }
    return 0;
  }

  @Command(name = "status", description = "One rollout: its summary and one row per agent.")
  int status(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--json", description = "Print JSON.") boolean json,
      @Option(names = "--wait", description = "Follow it until it is finished or paused.")
          boolean wait)
      throws InterruptedException {
    RolloutView r = deployments().rollout(id);
    if (wait) {
      return follow(r);
    }
    if (json) {
      out().println(JSON.writeValueAsString(r));
    } else {
      RolloutText.status(out(), r);
    }
    return 0;
  }

  @Command(name = "pause", description = "Offer no further batches until resumed.")
  int pause(@Parameters(paramLabel = "ID") String id) {
    return said(deployments().pause(id));
  }

  @Command(name = "resume", description = "Go on with a paused rollout.")
  int resume(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--wait", description = "Follow it until it is finished or paused.")
          boolean wait)
      throws InterruptedException {
    RolloutView r = deployments().resume(id);
    said(r);
    return wait ? follow(r) : 0;
  }

  @Command(name = "abort", description = "Stop it for good; agents not yet offered are skipped.")
  int abort(@Parameters(paramLabel = "ID") String id) {
    return said(deployments().abort(id));
  }

  @Command(
      name = "rollback",
      description = "Start a rollout giving every agent this one changed its previous version.")
  int rollback(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--wait", description = "Follow the rollback until finished or paused.")
          boolean wait)
      throws InterruptedException {
    RolloutView r = deployments().rollback(id);
    out()
        .printf("started rollout %s rolling back %s: %d agent(s)%n", r.id(), id, r.agents().size());
    return wait ? follow(r) : 0;
  }

  private int said(RolloutView r) {
    out().printf("rollout %s %s (%s)%n", r.id(), r.state(), Progress.counts(r.counts()));
    return 0;
  }

  /** Follows it; 0 when it completed, {@link ExitCodes#FAILED} with the reason otherwise. */
  private int follow(RolloutView r) throws InterruptedException {
    Progress progress = new Progress(out(), terminal.getAsBoolean(), clock);
    RolloutView end =
        new RolloutWatch(deployments(), pollInterval, sleeper).follow(r.id(), r, progress);
    if (end.state().equals("completed")) {
      out().printf("rollout %s completed: %s%n", end.id(), Progress.counts(end.counts()));
      return 0;
    }
    spec.commandLine()
        .getErr()
        .printf(
            "flotilla: rollout %s %s%s%n",
            end.id(),
            end.state().replace('_', ' '),
            end.reason() == null ? "" : ": " + end.reason());
    return ExitCodes.FAILED;
  }

  private Deployments deployments() {
    return server.deployments();
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
