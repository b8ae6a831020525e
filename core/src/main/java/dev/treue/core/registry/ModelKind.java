package dev.treue.core.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of model the registry holds, each under its own folder {@code <root>/<kind>/} and named
 * in its bundle's {@code bundle.json} {@code kind}, so a loader given another kind's bundle can say so.
 */
public enum ModelKind {
  /** Churn probability with its reasons and lifetime model ({@code ./treue train churn}). */
  CHURN("churn"),
  /** Offer response ranking ({@code ./treue train offers}). */
  OFFERS("offers"),
  /** Customer lifetime value parameters ({@code ./treue train clv}). */
  CLV("clv");

  private final String folder;

  ModelKind(String folder) {
    this.folder = folder;
  }

  /** The folder under the registry root and the {@code kind} value in {@code bundle.json}. */
  public String folder() {
    return folder;
  }

  /** The kind with this folder name, if it is one of ours. */
  public static Optional<ModelKind> of(String folder) {
    return Arrays.stream(values()).filter(k -> k.folder.equals(folder)).findFirst();
  }

  @Override
  public String toString() {
    return folder;
  }
}
