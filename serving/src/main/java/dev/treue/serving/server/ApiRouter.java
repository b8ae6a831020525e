package dev.treue.serving.server;

import dev.treue.serving.auth.Scope;
import dev.treue.serving.dashboard.DashboardRoutes;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.http.ProblemResponder;
import dev.treue.serving.http.RequestIds;
import dev.treue.serving.webhooks.WebhookRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.EnumSet;
import java.util.Set;

/**
 * The routes: {@code /v1} (each operation: auth with its contract scope, contract checks, handler),
 * health, metrics, the contract itself and the pages ({@link DashboardRoutes}). Operation paths with a colon ({@code :batch},
 * {@code :reload}) are regex routes, because Vert.x reads {@code :name} in a plain path as a
 * parameter. Every failure goes through {@link ProblemResponder}.
 */
final class ApiRouter {
  private ApiRouter() {}

  static Router create(Vertx vertx, Services s) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(s.config().http().bodyLimitBytes());
    Handler<RoutingContext> budget = s.bodyBudget().handler();

    Router v1 = Router.router(vertx);
    // The calls a loyalty platform makes all day come first: a request is matched against the
    // routes in order, a path template by a regular expression each (about 4% of a rewards call's
    // CPU samples when rewards came after the dozen marketers' and admins' routes).
    get(v1, s, "/customers/:id/churn-risk", "getChurnRisk", s.routes().scoring()::churnRisk);
    get(v1, s, "/customers/:id/rewards", "getRewards", s.routes().rewards()::rewards);
    withBody(v1.post("/events"), s, "postEvents", budget, body)
        .handler(s.contract().operation("postEvents"))
        .handler(s.routes().events()::post);
    // The key is checked before a byte of the body is read, then the body reserves its share of the
    // body budget (413 over the limit, 503 when full), then it is read.
    withBody(v1.routeWithRegex(HttpMethod.POST, "/churn-risk:batch"), s, "scoreBatch", budget, body)
        .handler(s.contract().operation("scoreBatch"))
        .handler(s.routes().scoring()::batch);
    get(v1, s, "/customers/:id/features", "getFeatures", s.routes().scoring()::features);
    get(v1, s, "/customers/:id/timeline", "getTimeline", s.routes().scoring()::timeline);
    get(v1, s, "/at-risk", "getAtRisk", s.routes().atRisk()::list);
    get(v1, s, "/key", "getKey", DashboardRoutes.key(s.config().scoring().currency()));
    get(v1, s, "/kpis", "getKpis", s.routes().kpis()::get);
    get(v1, s, "/uplift", "getUplift", s.routes().uplift()::get);
    get(v1, s, "/triggers", "getTriggers", s.routes().triggers()::get);
    v1.delete("/customers/:id")
        .handler(s.auth().require(scope(s, "eraseCustomer")))
        .handler(s.contract().operation("eraseCustomer"))
        .handler(s.routes().members()::erase);
    get(v1, s, "/customers/:id/export", "exportCustomer", s.routes().members()::export);
    get(v1, s, "/models", "getModels", s.routes().models()::list);
    get(v1, s, "/models/quality", "getModelQuality", s.routes().models()::quality);
    v1.routeWithRegex(HttpMethod.POST, "/admin/models:reload")
        .handler(s.auth().require(scope(s, "reloadModel")))
        .handler(s.contract().operation("reloadModel"))
        .handler(s.routes().models()::reload);
    v1.routeWithRegex(HttpMethod.GET, "/customers/(?<id>[^/]+)/rewards:preview")
        .handler(s.auth().require(scope(s, "previewRewards")))
        .handler(s.contract().operation("previewRewards"))
        .handler(s.routes().rewards()::preview);
    get(v1, s, "/offers", "listOffers", s.routes().offers()::list);
    withBody(v1.put("/offers/:offerId"), s, "putOffer", budget, body)
        .handler(s.contract().operation("putOffer"))
        .handler(s.routes().offers()::put);
    v1.routeWithRegex(HttpMethod.POST, "/offers/(?<offerId>[^/]+):retire")
        .handler(s.auth().require(scope(s, "retireOffer")))
        .handler(s.contract().operation("retireOffer"))
        .handler(s.routes().offers()::retire);
    withBody(
            v1.routeWithRegex(
                HttpMethod.POST, "/customers/(?<id>[^/]+)/offers/(?<offerId>[^/]+):issue"),
            s,
            "issueOffer",
            budget,
            body)
        .handler(s.contract().operation("issueOffer"))
        .handler(s.routes().issue()::issue);
    webhooks(v1, s, budget, body);
    v1.route().failureHandler(ProblemResponder::handle);
    router.route("/v1/*").subRouter(v1);

    router.get("/health/live").handler(s.routes().health()::live);
    router.get("/health/ready").handler(s.routes().health()::ready);
    if (s.prometheus() != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(s.prometheus()));
    }
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/yaml")
                    .sendFile("openapi.yaml"));
    DashboardRoutes.mount(router);
    router.route().failureHandler(ProblemResponder::handle);
    for (int status : new int[] {400, 404, 405, 408, 413, 415, 500}) {
      router.errorHandler(status, ctx -> ProblemResponder.handle(ctx, status));
    }
    return router;
  }

  /** {@code /v1/webhooks}: subscriptions, the delivery log and replays (scope admin). */
  private static void webhooks(
      Router v1, Services s, Handler<RoutingContext> budget, BodyHandler body) {
    WebhookRoutes hooks = s.routes().webhooks();
    withBody(v1.post("/webhooks"), s, "createWebhook", budget, body)
        .handler(s.contract().operation("createWebhook"))
        .handler(hooks::create);
    get(v1, s, "/webhooks", "listWebhooks", hooks::list);
    get(v1, s, "/webhooks/:webhookId", "getWebhook", hooks::get);
    withBody(v1.put("/webhooks/:webhookId"), s, "updateWebhook", budget, body)
        .handler(s.contract().operation("updateWebhook"))
        .handler(hooks::put);
    v1.delete("/webhooks/:webhookId")
        .handler(s.auth().require(scope(s, "deleteWebhook")))
        .handler(s.contract().operation("deleteWebhook"))
        .handler(hooks::delete);
    v1.routeWithRegex(HttpMethod.POST, "/webhooks/(?<webhookId>[^/]+):rotate-secret")
        .handler(s.auth().require(scope(s, "rotateWebhookSecret")))
        .handler(s.contract().operation("rotateWebhookSecret"))
        .handler(hooks::rotate);
    get(v1, s, "/webhooks/:webhookId/deliveries", "listWebhookDeliveries", hooks::deliveries);
    v1.routeWithRegex(
            HttpMethod.POST, "/webhooks/(?<webhookId>[^/]+)/deliveries/(?<deliveryId>[^/]+):replay")
        .handler(s.auth().require(scope(s, "replayWebhookDelivery")))
        .handler(s.contract().operation("replayWebhookDelivery"))
        .handler(hooks::replay);
  }

  /** A route with a JSON body: key, media type, body budget, then the body is read. */
  private static Route withBody(
      Route route,
      Services s,
      String operationId,
      Handler<RoutingContext> budget,
      BodyHandler body) {
    // Vert.x Web refuses a BodyHandler after other handlers (a slow one could let body bytes pass
    // unread); these are synchronous, and the request is paused until the body handler resumes it,
    // so it runs as a plain handler here.
    Handler<RoutingContext> readBody = body::handle;
    return route
        .handler(RequestPause::pause)
        .handler(s.auth().require(scope(s, operationId)))
        .handler(JsonBodies::requireJson)
        .handler(budget)
        .handler(readBody);
  }

  /** Holds a body's bytes until the body handler reads them. */
  private static final class RequestPause {
    private RequestPause() {}

    static void pause(RoutingContext ctx) {
      ctx.request().pause();
      ctx.next();
    }
  }

  private static void get(
      Router v1, Services s, String path, String operationId, Handler<RoutingContext> handler) {
    v1.get(path)
        .handler(s.auth().require(scope(s, operationId)))
        .handler(s.contract().operation(operationId))
        .handler(handler);
  }

  private static Set<Scope> scope(Services s, String operationId) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    s.contract().scopes(operationId).forEach(name -> scopes.add(Scope.fromWire(name)));
    return scopes;
  }
}
