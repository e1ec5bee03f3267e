package dev.flotilla.supervisor.capability;

import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The capabilities every supervisor offers: stop the agent, reload its config from disk, and (when
 * a forward URL is configured) hand a ChatOps message to a local HTTP endpoint.
 */
public final class BuiltInCapabilities {

  public static final String SHUTDOWN = "dev.flotilla.agent.shutdown";
  public static final String RELOAD = "dev.flotilla.agent.reload";
  public static final String CHATOPS = "dev.flotilla.chatops.forward";

  private BuiltInCapabilities() {}

  public static List<CustomCapability> of(
      AgentAdapter adapter,
      AgentRuntime runtime,
      Duration reloadTimeout,
      URI chatOpsForward,
      HttpClient http) {
    List<CustomCapability> out = new ArrayList<>();
    out.add(
        handler(
            SHUTDOWN,
            m -> {
              runtime.stop();
              return Optional.of(CustomCapability.reply(SHUTDOWN, "result", "agent stopped"));
            }));
    out.add(
        handler(
            RELOAD,
            m -> {
              var outcome = adapter.reload(runtime, reloadTimeout);
              return Optional.of(CustomCapability.reply(RELOAD, "result", outcome.toString()));
            }));
    if (chatOpsForward != null) {
      out.add(
          handler(
              CHATOPS,
              m -> {
                var response =
                    http.send(
                        HttpRequest.newBuilder(chatOpsForward)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("X-Flotilla-Message-Type", m.getType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(m.getData().toByteArray()))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                return Optional.of(
                    CustomCapability.reply(
                        CHATOPS, "result", response.statusCode() + " " + response.body()));
              }));
    }
    return out;
  }

  @FunctionalInterface
  private interface Body {
    Optional<CustomMessage> apply(CustomMessage message) throws Exception;
  }

  private static CustomCapability handler(String name, Body body) {
    return new CustomCapability() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<CustomMessage> handle(CustomMessage message) throws Exception {
        return body.apply(message);
      }
    };
  }
}
