package dev.treue.training.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening input text files for the importers: UTF-8, gunzipped when the name ends in {@code .gz}. */
final class TextFiles {
  private TextFiles() {}

  static BufferedReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("input file " + file + " does not exist or is not a file");
    }
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    // readLine() ends lines at \n, \r\n and \r, so CRLF files (CDNOW) need no special care
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The file name without {@code .gz} and the extension, for ids made from line numbers. */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
