package dev.treue.serving.models;

import java.nio.file.Path;

/**
 * Where one kind of model comes from: a registry folder ({@code <registry>/<kind>/}) with a
 * {@code CURRENT} pointer and version folders, and the checks a version must pass before it may
 * serve. {@link ActiveModel} polls it and swaps models in. Blocking: call off the event loop.
 *
 * @param <M> the loaded model
 */
public interface ModelSource<M extends ModelSource.Versioned> {
  /** What {@link ActiveModel} needs to know about a loaded model. */
  interface Versioned {
    /** The registry version name. */
    String version();

    /** Which candidate it is, e.g. {@code xgboost}. */
    String modelName();
  }

  /** The registry folder of this kind, e.g. {@code churn} or {@code offers}. */
  String kind();

  /** The registry root. */
  Path registry();

  /**
   * The version CURRENT names, or null when the registry has no model of this kind yet.
   *
   * @throws ModelRefusedException when CURRENT exists but cannot be read or names no valid version
   */
  String currentVersion() throws ModelRefusedException;

  /**
   * Loads and checks a version.
   *
   * @throws ModelRefusedException naming the failed check
   */
  M load(String version) throws ModelRefusedException;
}
