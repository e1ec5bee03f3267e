package dev.flotilla.fluentconfig.metadata;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.yaml.YamlDocument;

/** Reads and writes metadata in whichever places a document's format offers. */
public final class Metadata {
  private Metadata() {}

  /** The header, with YAML {@code extensions.flotilla} values over it. */
  public static ConfigMetadata read(ConfigDocument doc) {
    ConfigMetadata header = MetadataHeader.read(doc.render());
    if (doc instanceof YamlDocument) {
      return header.merge(YamlExtensions.read(doc.tree()));
    }
    return header;
  }

  /**
   * Writes {@code metadata} into the header and, for YAML when {@code extensions} is set, into
   * {@code extensions.flotilla} as well. Returns the new text.
   */
  public static String write(ConfigDocument doc, ConfigMetadata metadata, boolean extensions) {
    ConfigDocument target = doc;
    if (extensions && doc instanceof YamlDocument yaml) {
      target = YamlExtensions.write(yaml, metadata);
    }
    ConfigMetadata header = MetadataHeader.read(target.render()).merge(metadata);
    return MetadataHeader.write(target.render(), header);
  }
}
