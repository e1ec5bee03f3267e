package dev.flotilla.server.store;

/** The databases every store test runs against. */
enum StoreKind {
  SQLITE,
  POSTGRESQL
}
