package dev.flotilla.editor.web;

import io.javalin.http.Context;

/**
 * Who may do what. Mounted in the server, this is the server's sign-in and roles (viewer to read
 * and validate, operator to write files and to run dry runs, which run a local engine binary on the
 * caller's text: Fluentd evaluates embedded Ruby while it parses); alone, the editor lets the local
 * user do everything.
 */
public interface Access {

  /**
   * @param write true for an operator action (saving a file, a dry run), false to read or validate
   * @throws dev.flotilla.fleet.FleetException UNAUTHORIZED or FORBIDDEN when the caller may not
   */
  void require(Context ctx, boolean write);

  /** Whether {@link #require} with {@code write} would let this caller through. */
  boolean canWrite(Context ctx);

  /** The standalone editor: no sign-in. */
  Access LOCAL =
      new Access() {
        @Override
        public void require(Context ctx, boolean write) {}

        @Override
        public boolean canWrite(Context ctx) {
          return true;
        }
      };
}
