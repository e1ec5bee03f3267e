package dev.flotilla.editor.web;

import dev.flotilla.editor.document.DocumentInput;
import dev.flotilla.editor.document.Edit;
import java.util.List;

/** Request bodies of the editor's API. */
final class Requests {
  private Requests() {}

  record EditRequest(DocumentInput document, List<Edit> edits) {}

  record ConvertRequest(DocumentInput document, String to) {}

  /** {@code baseHash}: SHA-256 of the text as opened; a save fails when the file changed since. */
  record StampRequest(DocumentInput document, String source, String baseHash) {}
}
