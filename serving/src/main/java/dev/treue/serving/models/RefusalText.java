package dev.treue.serving.models;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A model refusal as clients read it ({@code /v1/models}, the 422 of a reload): the log keeps the
 * full message; clients get it with file paths made relative to the registry (where the registry
 * lives on the server's disk is no business of theirs) and without the JSON parser's internals
 * (source locations, feature and class names), so that it still says which file and what is wrong.
 */
final class RefusalText {
  private static final Pattern PARSER_LOCATION = Pattern.compile("\\s*at \\[Source:[^\\]]*\\]");
  private static final Pattern CLASS_NAMES =
      Pattern.compile("(com\\.fasterxml|io\\.vertx)\\.[\\w.$]+:?\\s*");

  private RefusalText() {}

  static String shown(String message, Path registry) {
    if (message == null) {
      return "refused";
    }
    String text = message;
    for (Path root : new Path[] {registry.toAbsolutePath().normalize(), registry}) {
      String r = root.toString();
      if (!r.isEmpty()) {
        text = text.replace(r + root.getFileSystem().getSeparator(), "").replace(r, "the registry");
      }
    }
    text = PARSER_LOCATION.matcher(text).replaceAll("");
    text = CLASS_NAMES.matcher(text).replaceAll("");
    return text.replace("Failed to decode:", "not valid JSON: ");
  }
}
