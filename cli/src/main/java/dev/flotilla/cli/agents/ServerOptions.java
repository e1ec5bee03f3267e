package dev.flotilla.cli.agents;

import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.HttpFleetClient;
import picocli.CommandLine.Option;

/** Where the server is and how to sign in; shared by every command that talks to the API. */
public final class ServerOptions {
  @Option(
      names = "--server",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:FLOTILLA_SERVER:-http://127.0.0.1:4321}",
      description = "The server's API listener (env FLOTILLA_SERVER; default ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--token",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      paramLabel = "TOKEN",
      defaultValue = "${env:FLOTILLA_TOKEN}",
      description = "Operator API token (env FLOTILLA_TOKEN).")
  String token;

  public Fleet fleet() {
    return client();
  }

  /** Config versions and rollouts on the same server. */
  public Deployments deployments() {
    return client();
  }

  private HttpFleetClient client() {
    return new HttpFleetClient(server, token);
  }
}
