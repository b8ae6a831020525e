package dev.treue.serving.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * Vert.x's Micrometer metrics with the HTTP server's per-request meters replaced by {@link
 * HttpRequestMeters} (same names and labels, a fraction of the cost); everything else (JVM, pools,
 * connections, clients) is Vert.x's own.
 */
public final class ServiceMetricsFactory implements VertxMetricsFactory {
  private final MicrometerMetricsFactory micrometer;
  private final HttpRequestMeters requests;

  /**
   * @param naming the names of the options the Vert.x instance is built with
   */
  public ServiceMetricsFactory(MeterRegistry registry, MetricsNaming naming) {
    this.micrometer = new MicrometerMetricsFactory(registry);
    this.requests = new HttpRequestMeters(registry, naming);
  }

  /** The factory of Micrometer metrics options ({@link MicrometerMetricsOptions}). */
  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics vertx = micrometer.metrics(options);
    return new VertxMetrics() {
      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
          HttpServerOptions o, SocketAddress localAddress) {
        HttpServerMetrics<?, ?, ?> own = vertx.createHttpServerMetrics(o, localAddress);
        // Null when the options switch HTTP server metrics off: then none here either.
        return own == null ? null : requests.forServer(own);
      }

      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return vertx.createEventBusMetrics();
      }

      @Override
      public ClientMetrics<?, ?, ?> createClientMetrics(
          SocketAddress remoteAddress, String type, String namespace) {
        return vertx.createClientMetrics(remoteAddress, type, namespace);
      }

      @Override
      public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions o) {
        return vertx.createHttpClientMetrics(o);
      }

      @Override
      public TCPMetrics<?> createNetServerMetrics(NetServerOptions o, SocketAddress localAddress) {
        return vertx.createNetServerMetrics(o, localAddress);
      }

      @Override
      public TCPMetrics<?> createNetClientMetrics(NetClientOptions o) {
        return vertx.createNetClientMetrics(o);
      }

      @Override
      public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions o) {
        return vertx.createDatagramSocketMetrics(o);
      }

      @Override
      public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxSize) {
        return vertx.createPoolMetrics(poolType, poolName, maxSize);
      }

      @Override
      public void vertxCreated(io.vertx.core.Vertx created) {
        vertx.vertxCreated(created);
      }

      @Override
      public boolean isMetricsEnabled() {
        return vertx.isMetricsEnabled();
      }

      @Override
      public void close() {
        vertx.close();
      }
    };
  }
}
