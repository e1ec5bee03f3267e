package dev.flotilla.server.store;

/** The databases every store test runs against. */
public enum StoreKind {
  SQLITE,
  POSTGRESQL
}
