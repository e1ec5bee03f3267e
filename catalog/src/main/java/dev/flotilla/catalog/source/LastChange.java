package dev.flotilla.catalog.source;

import java.time.Instant;

/**
 * When a bundle last changed: a file time for a folder, the newest commit touching one of its files
 * for a Git repository ({@code commit}, {@code author}, {@code message} null for a folder).
 */
public record LastChange(Instant time, String commit, String author, String message) {

  public static LastChange at(Instant time) {
    return new LastChange(time, null, null, null);
  }
}
