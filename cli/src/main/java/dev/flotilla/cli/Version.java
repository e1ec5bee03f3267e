package dev.flotilla.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest. */
public final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Flotilla.class.getPackage().getImplementationVersion();
    return new String[] {"flotilla " + (v == null ? "dev" : v)};
  }
}
