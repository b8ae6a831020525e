package dev.treue.training.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the CDNOW files the repository carries in {@code data/cdnow}: walks up from the working folder
 * (a module's folder under Maven) to the checkout's root, the first folder whose {@code pom.xml} lists
 * {@code <modules>}, and never looks beyond it, so no test reads anything outside the checkout.
 */
public final class CdnowFiles {
  private static final String FOLDER = "data/cdnow";

  private CdnowFiles() {}

  /** The checkout's {@code data/cdnow}; fails naming the folder when it or its files are missing. */
  public static Path dir() {
    Path start = Path.of("").toAbsolutePath();
    Path root = checkoutRoot(start);
    Path dir = root.resolve(FOLDER);
    for (String file : new String[] {"CDNOW_master.txt", "CDNOW_sample.txt"}) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        throw new IllegalStateException(
            "the checkout at "
                + root
                + " has no "
                + FOLDER
                + "/"
                + file
                + " (the CDNOW files are part of the repository; see data/cdnow/README.md)");
      }
    }
    return dir;
  }

  private static Path checkoutRoot(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (listsModules(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no pom.xml with <modules> at or above "
            + start
            + ": the CDNOW tests run inside a Treue checkout");
  }

  private static boolean listsModules(Path pom) {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      return Files.readString(pom).contains("<modules>");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pom, e);
    }
  }
}
