package dev.treue.serving.models;

import dev.treue.core.registry.RegistryReader;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.metrics.ServingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model of one kind ({@link ModelSource}: churn, offers) being served, swapped atomically. A request reads {@link #current} once and keeps that
 * model to the end, so a swap never mixes two models in one answer. New models come from polling
 * the registry's CURRENT pointer or from an admin reload; a model that fails its checks is refused
 * (logged, counted, reported by {@code /v1/models}) and the old one keeps serving. Loading runs on
 * Vert.x's default worker pool, never on the event loop, and one load at a time.
 */
public final class ActiveModel<M extends ModelSource.Versioned> {
  private static final Logger LOG = System.getLogger(ActiveModel.class.getName());

  /**
   * The last refusal.
   *
   * @param version the refused version (null when CURRENT itself was unreadable)
   * @param reason why, as clients may read it (paths relative to the registry, no parser internals)
   * @param at when
   */
  public record Refusal(String version, String reason, Instant at) {}

  private final Vertx vertx;
  private final ModelSource<M> loader;
  private final ServingMetrics metrics;
  private final Clock clock;
  private final AtomicReference<M> current = new AtomicReference<>();
  private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();
  private volatile Future<M> loading = Future.succeededFuture();
  private long timer = -1;

  public ActiveModel(Vertx vertx, ModelSource<M> loader, ServingMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.loader = loader;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The model being served, or null before the first successful load. */
  public M current() {
    return current.get();
  }

  /** The model being served; a 503 problem when none is loaded. */
  public M require() {
    M m = current.get();
    if (m == null) {
      throw ApiException.unavailable(
          "no-model",
          "no "
              + loader.kind()
              + " model is loaded; publish and promote one in"
              + " the registry ("
              + loader.kind()
              + "/"
              + RegistryReader.CURRENT_FILE
              + ")"
              + (lastRefusal.get() == null ? "" : "; last refusal: " + lastRefusal.get().reason()));
    }
    return m;
  }

  public Refusal lastRefusal() {
    return lastRefusal.get();
  }

  public ModelSource<M> loader() {
    return loader;
  }

  /** Starts polling CURRENT every {@code interval} (zero: never). */
  public void poll(Duration interval) {
    if (!interval.isZero()) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> refresh(false, "poll"));
    }
  }

  /** Stops polling. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Loads CURRENT when it names another version than the one served (or always, when forced), checks
   * it and swaps it in.
   *
   * @param force load even when the version is already served or was refused before (admin reload)
   * @param source {@code startup}, {@code poll} or {@code admin}, for logs and metrics
   * @return the model served afterwards; a failed future with {@link ModelRefusedException} when refused
   */
  public synchronized Future<M> refresh(boolean force, String source) {
    // One load at a time: a poll that fires during an admin reload waits for it, then sees the
    // result.
    loading =
        loading.transform(ignored -> vertx.executeBlocking(() -> loadIfNew(force, source), true));
    return loading;
  }

  private M loadIfNew(boolean force, String source) throws ModelRefusedException {
    M served = current.get();
    String version;
    try {
      version = loader.currentVersion();
    } catch (ModelRefusedException e) {
      refuse(e, source);
      throw e;
    }
    if (version == null) {
      if (force) {
        throw new ModelRefusedException(
            null,
            "the registry "
                + loader.registry()
                + " has no "
                + loader.kind()
                + "/"
                + RegistryReader.CURRENT_FILE
                + " pointer; promote a model first",
            null);
      }
      return served;
    }
    boolean same = served != null && served.version().equals(version);
    Refusal refused = lastRefusal.get();
    boolean refusedBefore = refused != null && version.equals(refused.version());
    if (!force && (same || refusedBefore)) {
      return served;
    }
    try {
      M fresh = loader.load(version);
      current.set(fresh);
      lastRefusal.set(null);
      metrics.modelVersion(loader.kind(), fresh.version(), fresh.modelName());
      LOG.log(
          Level.INFO,
          "serving "
              + loader.kind()
              + " model "
              + fresh.version()
              + " ("
              + fresh.modelName()
              + ")"
              + (served == null ? "" : ", replacing " + served.version())
              + " ["
              + source
              + "]");
      return fresh;
    } catch (ModelRefusedException e) {
      refuse(e, source);
      throw e;
    }
  }

  private void refuse(ModelRefusedException e, String source) {
    lastRefusal.set(
        new Refusal(
            e.version(), RefusalText.shown(e.getMessage(), loader.registry()), clock.instant()));
    metrics.modelRefused(source);
    M served = current.get();
    LOG.log(
        Level.ERROR,
        "refused "
            + loader.kind()
            + " model ["
            + source
            + "]: "
            + e.getMessage()
            + (served == null ? "; no model is served" : "; still serving " + served.version()));
  }
}
