package dev.flotilla.cli.rollouts;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.Share;
import picocli.CommandLine;

/** {@code N} or {@code N%} on the command line, refused as bad usage otherwise. */
final class ShareConverter implements CommandLine.ITypeConverter<Share> {
  @Override
  public Share convert(String value) {
    try {
      return Share.parse(value);
    } catch (FleetException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
