package dev.flotilla.server.store;

/** The database could not do what was asked. The message says what was being attempted. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
