package dev.flotilla.catalog.web;

import io.javalin.http.Context;

/**
 * Who may do what, the editor's way: mounted in the server, the server's sign-in and roles (viewers
 * read, operators refresh); alone, the local user may do everything.
 */
public interface Access {

  /**
   * @throws dev.flotilla.fleet.FleetException UNAUTHORIZED or FORBIDDEN when the caller may not
   */
  void require(Context ctx, boolean write);

  boolean canWrite(Context ctx);

  /** The standalone catalog: no sign-in. */
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
