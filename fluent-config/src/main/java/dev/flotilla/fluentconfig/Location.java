package dev.flotilla.fluentconfig;

/** A place in a config file. Lines and columns are 1-based; column 0 means "the whole line". */
public record Location(String file, int line, int column) {

  public static Location of(String file, int line, int column) {
    return new Location(file == null ? "" : file, line, column);
  }

  @Override
  public String toString() {
    return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
  }
}
