package dev.flotilla.supervisor.remoteconfig;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What survives a supervisor restart, in the state folder: the last known good config (the files
 * that last ran healthy, keyed like the effective config) and the last {@link RemoteConfigStatus},
 * so the same hash is never applied twice and a restart while the server is down runs the agent on
 * the last good config.
 */
public final class SupervisorState {

  private final Path lastKnownGood;
  private final Path remoteConfigStatus;

  public SupervisorState(Path stateDir) {
    this.lastKnownGood = stateDir.resolve("last-known-good.pb");
    this.remoteConfigStatus = stateDir.resolve("remote-config-status.pb");
  }

  public Optional<AgentConfigMap> lastKnownGood() {
    return read(lastKnownGood, AgentConfigMap.parser());
  }

  public void saveLastKnownGood(AgentConfigMap config) {
    write(lastKnownGood, config);
  }

  public Optional<RemoteConfigStatus> remoteConfigStatus() {
    return read(remoteConfigStatus, RemoteConfigStatus.parser());
  }

  public void saveRemoteConfigStatus(RemoteConfigStatus status) {
    write(remoteConfigStatus, status);
  }

  private static <T extends Message> Optional<T> read(Path file, Parser<T> parser) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.parseFrom(Files.readAllBytes(file)));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static void write(Path file, Message message) {
    try {
      ConfigWriter.write(file, message.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }
}
