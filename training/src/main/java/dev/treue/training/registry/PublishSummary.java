package dev.treue.training.registry;

import java.util.Locale;

/** The lines every training command ends with: the version, the gate's verdict and where the bundle is. */
public final class PublishSummary {
  private PublishSummary() {}

  /** Prints them to standard output. */
  public static void print(
      String version, PublishResult publish, String bundlePath, double seconds) {
    System.out.println(
        "Model version: " + version + (publish.promoted() ? " (now current)" : " (NOT promoted)"));
    System.out.println("Quality gate: " + publish.reason());
    System.out.println("Bundle: " + bundlePath);
    System.out.println("Report: " + bundlePath + "/report.html");
    System.out.printf(Locale.ROOT, "Trained in %.1f s%n", seconds);
  }
}
