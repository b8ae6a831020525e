package dev.treue.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's per-request meters, under Vert.x's own names, labels and meaning ({@code
 * vertx_http_server_requests_total}, {@code _response_time_seconds}, {@code _active_requests},
 * {@code _request_bytes}, {@code _response_bytes}, {@code _request_resets_total}, tagged by method,
 * route and status code), each found in a map by the strings and number the request already has.
 * Vert.x's implementation builds its tags and looks its meters up in the registry several times a
 * request: 6.5% of the service's samples under churn-risk load in a JFR profile, most of what metrics cost the
 * service (bench/serving.sh prices metrics on against off). Connections and bytes read and written
 * stay Vert.x's ({@link #forServer}).
 *
 * <p>One instance per registry, shared by every HTTP server of the service: a gauge registered twice
 * under one name and tags is the first registration's, so each method's count of active requests
 * must have one home.
 */
public final class HttpRequestMeters {
  private static final String METHOD = Label.HTTP_METHOD.toString();
  private static final String ROUTE = Label.HTTP_ROUTE.toString();
  private static final String CODE = Label.HTTP_CODE.toString();

  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final ConcurrentHashMap<String, LongAdder> active = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DistributionSummary> requestBytes =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MeterKey, AnswerMeters> answers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MeterKey, Counter> resets = new ConcurrentHashMap<>();

  /**
   * @param naming the names Vert.x's metrics use (the options' {@code MetricsNaming})
   */
  public HttpRequestMeters(MeterRegistry registry, MetricsNaming naming) {
    this.registry = registry;
    this.names = naming.withBaseName(MetricsDomain.HTTP_SERVER.getPrefix());
  }

  /** A request's method as a label value: one of the standard methods, else {@code OTHER}. */
  static String methodLabel(HttpMethod method) {
    String name = method.name();
    return ServingMetrics.METHODS.contains(name) ? name : "OTHER";
  }

  /**
   * The route label of a request routed through {@code route} and then {@code moreRoutes} (Vert.x
   * reports a request routed through a sub-router once per router: the label joins them with
   * {@code >}); empty when no route matched.
   */
  private static String routeLabel(String route, String moreRoutes) {
    if (route == null) {
      return "";
    }
    return moreRoutes == null ? route : route + ">" + moreRoutes;
  }

  /** The meters of one kind of answer. */
  private record AnswerMeters(Counter requests, Timer time, DistributionSummary bytes) {}

  /** One request in flight. */
  static final class Request {
    final String method;
    final long startNanos;
    final LongAdder active;
    String route;
    String moreRoutes;
    boolean requestEnded;
    boolean responseEnded;
    boolean reset;

    Request(String method, long startNanos, LongAdder active) {
      this.method = method;
      this.startNanos = startNanos;
      this.active = active;
    }

    void routed(String name) {
      if (name == null) {
        return;
      }
      if (route == null) {
        route = name;
      } else {
        moreRoutes = moreRoutes == null ? name : moreRoutes + ">" + name;
      }
    }

    /** Marks one side ended; true when the other had ended too (the request is no longer active). */
    boolean end(boolean response) {
      boolean other = response ? requestEnded : responseEnded;
      if (response) {
        responseEnded = true;
      } else {
        requestEnded = true;
      }
      return other && !reset;
    }
  }

  Request begin(HttpMethod method) {
    String label = methodLabel(method);
    LongAdder count = active.computeIfAbsent(label, this::activeGauge);
    count.increment();
    return new Request(label, System.nanoTime(), count);
  }

  private LongAdder activeGauge(String method) {
    LongAdder count = new LongAdder();
    Gauge.builder(names.getHttpActiveRequests(), count, LongAdder::doubleValue)
        .description("Number of requests being processed")
        .tag(METHOD, method)
        .register(registry);
    return count;
  }

  void requestEnd(Request r, long bytesRead) {
    requestBytes
        .computeIfAbsent(
            r.method,
            m ->
                DistributionSummary.builder(names.getHttpRequestBytes())
                    .description("Size of requests in bytes")
                    .tag(METHOD, m)
                    .register(registry))
        .record(bytesRead);
    if (r.end(false)) {
      r.active.decrement();
    }
  }

  void responseEnd(Request r, int code, long bytesWritten) {
    long nanos = System.nanoTime() - r.startNanos;
    AnswerMeters meters =
        answers.computeIfAbsent(new MeterKey(r.method, r.route, r.moreRoutes, code), this::meters);
    meters.requests().increment();
    meters.time().record(nanos, TimeUnit.NANOSECONDS);
    meters.bytes().record(bytesWritten);
    if (r.end(true)) {
      r.active.decrement();
    }
  }

  /** The meters of an answer: method, route, more routes, status code. */
  private AnswerMeters meters(MeterKey a) {
    String route = routeLabel(a.second, a.third);
    String code = Integer.toString(a.number);
    return new AnswerMeters(
        Counter.builder(names.getHttpRequestsCount())
            .description("Number of processed requests")
            .tags(METHOD, a.first, ROUTE, route, CODE, code)
            .register(registry),
        Timer.builder(names.getHttpResponseTime())
            .description("Request processing time")
            .tags(METHOD, a.first, ROUTE, route, CODE, code)
            .register(registry),
        DistributionSummary.builder(names.getHttpResponseBytes())
            .description("Size of responses in bytes")
            .tags(METHOD, a.first, ROUTE, route, CODE, code)
            .register(registry));
  }

  void reset(Request r) {
    resets
        .computeIfAbsent(
            new MeterKey(r.method, r.route, r.moreRoutes, 0),
            a ->
                Counter.builder(names.getHttpRequestResetsCount())
                    .description("Count of request resets")
                    .tags(METHOD, a.first, ROUTE, routeLabel(a.second, a.third))
                    .register(registry))
        .increment();
    if (!r.reset && !(r.requestEnded && r.responseEnded)) {
      r.active.decrement();
    }
    r.reset = true;
  }

  /**
   * One HTTP server's metrics: requests on these meters, connections and bytes on Vert.x's own
   * server metrics ({@code connections}, or none).
   */
  public HttpServerMetrics<Request, Object, Object> forServer(
      HttpServerMetrics<?, ?, ?> connections) {
    @SuppressWarnings("unchecked")
    HttpServerMetrics<Object, Object, Object> tcp =
        (HttpServerMetrics<Object, Object, Object>) connections;
    return new HttpServerMetrics<>() {
      @Override
      public Request requestBegin(Object socketMetric, HttpRequest request) {
        return begin(request.method());
      }

      @Override
      public void requestRouted(Request r, String route) {
        if (r != null) {
          r.routed(route);
        }
      }

      @Override
      public void requestEnd(Request r, HttpRequest request, long bytesRead) {
        if (r != null) {
          HttpRequestMeters.this.requestEnd(r, bytesRead);
        }
      }

      @Override
      public void responseEnd(Request r, HttpResponse response, long bytesWritten) {
        if (r != null) {
          HttpRequestMeters.this.responseEnd(r, response.statusCode(), bytesWritten);
        }
      }

      @Override
      public void requestReset(Request r) {
        if (r != null) {
          reset(r);
        }
      }

      @Override
      public Request responsePushed(
          Object socketMetric, HttpMethod method, String uri, HttpResponse response) {
        return begin(method);
      }

      @Override
      public Object connected(SocketAddress remoteAddress, String remoteName) {
        return tcp == null ? null : tcp.connected(remoteAddress, remoteName);
      }

      @Override
      public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
        if (tcp != null) {
          tcp.disconnected(socketMetric, remoteAddress);
        }
      }

      @Override
      public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
        if (tcp != null) {
          tcp.bytesRead(socketMetric, remoteAddress, numberOfBytes);
        }
      }

      @Override
      public void bytesWritten(
          Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
        if (tcp != null) {
          tcp.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
        }
      }

      @Override
      public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
        if (tcp != null) {
          tcp.exceptionOccurred(socketMetric, remoteAddress, t);
        }
      }

      @Override
      public void close() {
        if (tcp != null) {
          tcp.close();
        }
      }
    };
  }
}
