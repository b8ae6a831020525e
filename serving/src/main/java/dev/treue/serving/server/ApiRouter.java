package dev.treue.serving.server;

import dev.treue.serving.auth.Scope;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.http.ProblemResponder;
import dev.treue.serving.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The routes: {@code /v1} (each operation: auth with its contract scope, contract checks, handler),
 * health, metrics and the contract itself. Operation paths with a colon ({@code :batch},
 * {@code :reload}) are regex routes, because Vert.x reads {@code :name} in a plain path as a
 * parameter. Every failure goes through {@link ProblemResponder}.
 */
final class ApiRouter {
  private ApiRouter() {}

  static Router create(Vertx vertx, Services s) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::assign);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(s.config().bodyLimitBytes());

    Router v1 = Router.router(vertx);
    get(v1, s, "/customers/:id/churn-risk", "getChurnRisk", s.scoring()::churnRisk);
    // Vert.x wants the body handler first; the body is read (up to the limit) before the key is checked.
    v1.routeWithRegex(HttpMethod.POST, "/churn-risk:batch").handler(body)
        .handler(s.auth().require(scope(s, "scoreBatch"))).handler(JsonBodies::requireJson)
        .handler(s.contract().operation("scoreBatch")).handler(s.scoring()::batch);
    get(v1, s, "/customers/:id/features", "getFeatures", s.scoring()::features);
    v1.post("/events").handler(body).handler(s.auth().require(scope(s, "postEvents")))
        .handler(JsonBodies::requireJson).handler(s.contract().operation("postEvents")).handler(s.events()::post);
    get(v1, s, "/at-risk", "getAtRisk", s.atRisk()::list);
    v1.delete("/customers/:id").handler(s.auth().require(scope(s, "eraseCustomer")))
        .handler(s.contract().operation("eraseCustomer")).handler(s.members()::erase);
    get(v1, s, "/customers/:id/export", "exportCustomer", s.members()::export);
    get(v1, s, "/models", "getModels", s.models()::list);
    v1.routeWithRegex(HttpMethod.POST, "/admin/models:reload").handler(s.auth().require(scope(s, "reloadModel")))
        .handler(s.contract().operation("reloadModel")).handler(s.models()::reload);
    get(v1, s, "/customers/:id/rewards", "getRewards", s.rewards()::rewards);
    get(v1, s, "/offers", "listOffers", s.offers()::list);
    v1.put("/offers/:offerId").handler(body).handler(s.auth().require(scope(s, "putOffer")))
        .handler(JsonBodies::requireJson).handler(s.contract().operation("putOffer")).handler(s.offers()::put);
    v1.routeWithRegex(HttpMethod.POST, "/offers/(?<offerId>[^/]+):retire")
        .handler(s.auth().require(scope(s, "retireOffer"))).handler(s.contract().operation("retireOffer"))
        .handler(s.offers()::retire);
    v1.routeWithRegex(HttpMethod.POST, "/customers/(?<id>[^/]+)/offers/(?<offerId>[^/]+):issue").handler(body)
        .handler(s.auth().require(scope(s, "issueOffer"))).handler(JsonBodies::requireJson)
        .handler(s.contract().operation("issueOffer")).handler(s.issue()::issue);
    v1.route().failureHandler(ProblemResponder::handle);
    router.route("/v1/*").subRouter(v1);

    router.get("/health/live").handler(s.health()::live);
    router.get("/health/ready").handler(s.health()::ready);
    if (s.prometheus() != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(s.prometheus()));
    }
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
        .sendFile("openapi.yaml"));
    router.route().failureHandler(ProblemResponder::handle);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, ctx -> ProblemResponder.handle(ctx, status));
    }
    return router;
  }

  private static void get(Router v1, Services s, String path, String operationId, Handler<RoutingContext> handler) {
    v1.get(path).handler(s.auth().require(scope(s, operationId))).handler(s.contract().operation(operationId))
        .handler(handler);
  }

  private static Scope scope(Services s, String operationId) {
    return Scope.fromWire(s.contract().scope(operationId));
  }
}
