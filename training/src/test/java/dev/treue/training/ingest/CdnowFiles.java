package dev.treue.training.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared CDNOW files: {@code shared/data/cdnow} in a parent of the working folder. */
public final class CdnowFiles {
  private CdnowFiles() {}

  public static Path dir() {
    String configured = System.getProperty("treue.cdnow.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/data/cdnow");
      if (Files.isRegularFile(candidate.resolve("CDNOW_master.txt"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/data/cdnow/CDNOW_master.txt above " + Path.of("").toAbsolutePath()
        + "; set -Dtreue.cdnow.dir=FOLDER");
  }
}
