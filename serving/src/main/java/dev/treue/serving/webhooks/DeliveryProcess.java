package dev.treue.serving.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Executors;

/**
 * Webhook delivery as a process of its own ({@code ./treue webhooks}), for services configured with
 * {@code webhook_delivery_in_service: false}: the same {@link DeliveryWorker} on the same Redis,
 * consumer group and settings, so any number of these processes and of services delivering in
 * service share the work without sending anything twice. Apart from the API's JVM, delivery's
 * garbage collection never pauses a request; the whole process (its JIT and GC threads too) runs
 * below the requests' CPU priority ({@link BackgroundPriority}). On the service's own machine it
 * measured no cheaper than delivery in service (a second JVM's compiler and collector cost the cores
 * more: README, "Webhooks under load"); it is for delivery on other machines or containers, where
 * its CPU never meets the API's. Optionally it serves its metrics ({@code
 * treue_webhooks_*}, as the service's {@code /metrics} does when it delivers) and a liveness check.
 */
public final class DeliveryProcess implements AutoCloseable {
  private static final List<String> OUTCOMES =
      List.of(Delivery.DELIVERED, Delivery.FAILED, Delivery.DEAD, Delivery.HELD_OUT, "parked");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DeliveryWorker worker;
  private final String redis;
  private final int tenants;
  private final HttpServer metrics;
  private final String host;

  private DeliveryProcess(ServingConfig config, String redisUrl, OptionalInt metricsPort) {
    this.redis = RedisEndpoint.parse(redisUrl).toString();
    this.tenants = config.tenants().size();
    this.host = config.http().host();
    this.metrics =
        metricsPort.isPresent() ? serve(config.http().host(), metricsPort.getAsInt()) : null;
    this.worker = DeliveryWorker.forConfig(config, redisUrl, new ServingMetrics(registry)).start();
  }

  /** {@code GET /metrics} (Prometheus text) and {@code GET /health/live} on one thread. */
  private HttpServer serve(String host, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      server.createContext(
          "/metrics",
          exchange ->
              answer(exchange, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
      server.createContext(
          "/health/live", exchange -> answer(exchange, "application/json", "{\"status\":\"up\"}"));
      server.setExecutor(
          Executors.newSingleThreadExecutor(DaemonThreads.named("treue-webhook-metrics")));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port, e);
    }
  }

  private static void answer(HttpExchange exchange, String type, String body) throws IOException {
    try (exchange) {
      boolean found =
          exchange.getRequestMethod().equals("GET")
              && exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath());
      byte[] bytes = (found ? body : "").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(found ? 200 : 404, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Starts delivering for the configuration's tenants.
   *
   * @throws IllegalArgumentException when the configuration names no Redis (an embedded Redis
   *     belongs to the one service that started it: this process must share the service's) or no
   *     tenant (nothing to deliver)
   */
  public static DeliveryProcess start(ServingConfig config, OptionalInt metricsPort) {
    String url = config.redis().url();
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "redis_url (TREUE_REDIS_URL) is required: webhook delivery reads the firings of the"
              + " service's Redis");
    }
    if (config.tenants().isEmpty()) {
      throw new IllegalArgumentException(
          "api_keys names no tenant: delivery reads the firings of the tenants with API keys (give"
              + " the service's config file with --config)");
    }
    // Before the worker's threads exist, so they and every later thread inherit the priority.
    BackgroundPriority.lower(BackgroundPriority.everyThreadOfThisProcess());
    return new DeliveryProcess(config, url, metricsPort);
  }

  /** What it delivers from (and where its metrics are), for the start line. */
  public String describe() {
    return tenants
        + (tenants == 1 ? " tenant" : " tenants")
        + " on Redis "
        + redis
        + (metrics == null
            ? ""
            : ", metrics on http://" + host + ":" + metrics.getAddress().getPort() + "/metrics");
  }

  /** Delivery steps since the start by outcome, for a progress line. */
  public String progress() {
    StringBuilder line = new StringBuilder();
    for (String outcome : OUTCOMES) {
      long n = count(outcome);
      line.append(line.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", n))
          .append(' ')
          .append(outcome.replace('_', ' '));
    }
    return line.append(" since the start").toString();
  }

  /** How many attempts ended with {@code outcome} since the start. */
  private long count(String outcome) {
    Counter c = registry.find("treue.webhooks.deliveries").tag("outcome", outcome).counter();
    return c == null ? 0 : (long) c.count();
  }

  @Override
  public void close() {
    worker.close();
    if (metrics != null) {
      metrics.stop(0);
    }
  }
}
