package dev.flotilla.fleet;

/**
 * Answer of {@code POST /api/v1/configs/{name}/versions}.
 *
 * @param created false when identical content already was a version (that one is returned)
 */
public record VersionCreated(String name, int version, String hash, boolean created) {}
