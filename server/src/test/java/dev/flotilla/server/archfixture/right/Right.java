package dev.flotilla.server.archfixture.right;

import dev.flotilla.server.archfixture.left.Left;

/** The other half of the deliberate package cycle. */
public final class Right {
  public Left left() {
    return new Left();
  }
}
