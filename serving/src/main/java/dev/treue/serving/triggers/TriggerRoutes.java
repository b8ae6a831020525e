package dev.treue.serving.triggers;

import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /v1/triggers} (scope {@code admin}): the calling key's tenant's trigger settings as the
 * service configuration gives them ({@code triggers} key), every kind with {@code enabled}, whether
 * it is event-driven and its parameters, and how often this instance relays outboxes ({@code
 * relay_interval}) and sweeps for time-driven kinds ({@code sweep_interval}; {@code PT0S}: never).
 * Read only: settings change with the configuration.
 */
public final class TriggerRoutes {
  private final EventTriggers triggers;
  private final Duration relayInterval;
  private final Duration sweepInterval;

  /**
   * @param relayInterval {@code trigger_relay_interval}
   * @param sweepInterval {@code trigger_sweep_interval}
   */
  public TriggerRoutes(EventTriggers triggers, Duration relayInterval, Duration sweepInterval) {
    this.triggers = triggers;
    this.relayInterval = relayInterval;
    this.sweepInterval = sweepInterval;
  }

  /** The handler. */
  public void get(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    JsonObject kinds = new JsonObject();
    triggers.settings(key.tenant()).toMap().forEach((k, v) -> kinds.put(k, new JsonObject(v)));
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("tenant", key.tenant())
                .put("triggers", kinds)
                .put("stream", key.keys().triggerStream())
                .put("relay_interval", relayInterval.toString())
                .put("sweep_interval", sweepInterval.toString())
                .encode());
  }
}
