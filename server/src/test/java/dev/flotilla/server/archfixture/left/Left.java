package dev.flotilla.server.archfixture.left;

import dev.flotilla.server.archfixture.right.Right;

/** Half of a deliberate package cycle: proves the architecture test can fail. */
public final class Left {
  public Right right() {
    return new Right();
  }
}
