package dev.flotilla.fluentconfig.model;

import dev.flotilla.fluentconfig.Location;

/** An include directive as written: a path or a glob, relative or absolute. */
public record Include(String pattern, Location location) {}
