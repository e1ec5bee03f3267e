package dev.flotilla.fluentconfig.convert;

import dev.flotilla.fluentconfig.Finding;
import java.util.List;
import java.util.Map;

/**
 * The result of converting a file: the new text, further files the target format needs (such as a
 * classic parsers file, by relative name), and a report of what could not be carried over.
 */
public record Conversion(String text, Map<String, String> extraFiles, List<Finding> report) {

  public Conversion {
    extraFiles = Map.copyOf(extraFiles);
    report = List.copyOf(report);
  }
}
