package dev.flotilla.fleet;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/configs/{name}/versions}.
 *
 * @param files the bundle, same shape as the remote-config body
 * @param force publish even when lint finds errors
 * @param source null for {@code upload}
 */
public record PublishRequest(
    Map<String, Agent.ConfigFile> files, String message, boolean force, String source) {
  public PublishRequest(Map<String, Agent.ConfigFile> files, String message) {
    this(files, message, false, null);
  }
}
