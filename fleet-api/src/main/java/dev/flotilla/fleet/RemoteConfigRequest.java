package dev.flotilla.fleet;

import java.util.Map;

/**
 * Body of {@code PUT /api/v1/agents/{uid}/remote-config}.
 *
 * @param force offer it even when lint finds errors (null is false)
 */
public record RemoteConfigRequest(Map<String, Agent.ConfigFile> files, Boolean force) {
  public RemoteConfigRequest(Map<String, Agent.ConfigFile> files) {
    this(files, null);
  }

  public boolean forced() {
    return Boolean.TRUE.equals(force);
  }
}
