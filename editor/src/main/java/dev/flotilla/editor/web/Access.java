package dev.flotilla.editor.web;

import io.javalin.http.Context;

/**
 * Who may do what. Mounted in the server, this is the server's sign-in and roles (viewer to read
 * and validate, operator to write files); alone, the editor lets the local user do everything.
 */
public interface Access {

  /**
   * @throws dev.flotilla.fleet.FleetException UNAUTHORIZED or FORBIDDEN when the caller may not
   */
  void require(Context ctx, boolean write);

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
