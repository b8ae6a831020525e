package dev.treue.serving.server;

import dev.treue.core.offers.RewardRanker;
import dev.treue.core.reason.ReasonWords;
import dev.treue.serving.atrisk.AtRiskRoutes;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.auth.ApiKeys;
import dev.treue.serving.auth.Scope;
import dev.treue.serving.config.ApiKeyConfig;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.contract.ApiContract;
import dev.treue.serving.events.EventRoutes;
import dev.treue.serving.health.HealthRoutes;
import dev.treue.serving.http.BodyBudget;
import dev.treue.serving.kpis.KpiRoutes;
import dev.treue.serving.members.MemberRoutes;
import dev.treue.serving.metrics.ServiceMetricsFactory;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ModelLoader;
import dev.treue.serving.models.ModelRoutes;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.IssueRoutes;
import dev.treue.serving.offers.OfferCatalogCache;
import dev.treue.serving.offers.OfferIssuer;
import dev.treue.serving.offers.OfferRoutes;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.serving.rewards.OfferModel;
import dev.treue.serving.rewards.OfferModelLoader;
import dev.treue.serving.rewards.RewardsRoutes;
import dev.treue.serving.rewards.RewardsService;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.serving.scoring.ScoringRoutes;
import dev.treue.serving.triggers.BestReward;
import dev.treue.serving.triggers.EventTriggers;
import dev.treue.serving.triggers.TimeTriggers;
import dev.treue.serving.triggers.TriggerRoutes;
import dev.treue.serving.uplift.UpliftRoutes;
import dev.treue.serving.warmup.CodeWarmup;
import dev.treue.serving.webhooks.DeliveryWorker;
import dev.treue.serving.webhooks.WebhookRoutes;
import dev.treue.serving.webhooks.WebhookStore;
import dev.treue.serving.webhooks.WebhookTarget;
import dev.treue.store.EmbeddedRedis;
import dev.treue.store.MemberReader;
import dev.treue.store.RankingLog;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.UnifiedJedis;

/**
 * Starts the service from a configuration and returns a handle: the programmatic entry point used
 * by {@code ServingCli serve}, the demo and the tests. Start-up fails fast (with the reason) when the
 * contract or Redis settings are wrong; a missing or broken model does not stop the start (readiness
 * reports it, and the poll picks up a model promoted later).
 */
public final class TreueServer {
  private static final Logger LOG = System.getLogger(TreueServer.class.getName());

  private TreueServer() {}

  /**
   * Starts the service and waits until every HTTP server listens.
   *
   * @throws IllegalStateException when the service cannot start (message says why)
   */
  public static RunningServer start(ServingConfig config) {
    PrometheusMeterRegistry prometheus =
        config.metricsEnabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
    if (prometheus != null) {
      ServingMetrics.boundRequestLabels(prometheus);
    }
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(config.http().eventLoops());
    Vertx vertx;
    if (prometheus != null) {
      MicrometerMetricsOptions metricsOptions =
          new MicrometerMetricsOptions()
              .setEnabled(true)
              .setJvmMetricsEnabled(true)
              .setLabels(
                  EnumSet.of(
                      Label.HTTP_METHOD,
                      Label.HTTP_CODE,
                      Label.HTTP_ROUTE,
                      Label.POOL_TYPE,
                      Label.POOL_NAME));
      options.setMetricsOptions(metricsOptions);
      vertx =
          Vertx.builder()
              .with(options)
              .withMetrics(new ServiceMetricsFactory(prometheus, metricsOptions.getMetricsNaming()))
              .build();
    } else {
      vertx = Vertx.vertx(options);
    }
    ServingMetrics metrics =
        prometheus != null ? new ServingMetrics(prometheus) : ServingMetrics.off();
    EmbeddedRedis embedded = null;
    RedisAccess redis = null;
    ActiveModel<ServingModel> models = null;
    ActiveModel<OfferModel> offerModels = null;
    DeliveryWorker webhooks = null;
    CodeWarmup warmup = null;
    try {
      ServingConfig.Redis redisConfig = config.redis();
      Path registry = config.models().registry();
      Duration poll = config.models().pollInterval();
      ServingConfig.Rewards rewards = config.rewards();
      String url = redisConfig.url();
      if (url == null) {
        embedded = EmbeddedRedis.start(0);
        url = embedded.url();
        LOG.log(
            Level.INFO,
            "no redis_url configured (TREUE_REDIS_URL): started an embedded Redis 6.2 at "
                + url
                + "; its data is lost when the service stops");
      }
      UnifiedJedis jedis =
          RedisEndpoint.parse(url).connect(redisConfig.timeout(), redisConfig.maxConnections());
      redis =
          new RedisAccess(
              vertx, jedis, redisConfig.workerPoolSize(), redisConfig.timeout(), metrics);
      ApiContract contract = await(ApiContract.load(vertx), "load the OpenAPI contract");
      Clock clock = config.scoring().clock().clock();
      // Load and refusal times are operational facts: wall-clock time even when scoring uses a
      // fixed day.
      models =
          new ActiveModel<>(
              vertx,
              new ModelLoader(
                  registry,
                  Clock.systemUTC(),
                  ReasonWords.of(config.scoring().language(), config.scoring().currency())),
              metrics,
              Clock.systemUTC());
      try {
        await(models.refresh(false, "startup"), "load the churn model");
      } catch (IllegalStateException e) {
        LOG.log(Level.WARNING, "starting without a churn model: " + e.getMessage());
      }
      if (models.current() == null && models.lastRefusal() == null) {
        LOG.log(
            Level.WARNING,
            "no churn model in "
                + registry
                + " yet; scoring answers 503 until one is"
                + " promoted"
                + (poll.isZero() ? " and reloaded" : " (polling every " + poll + ")"));
      }
      models.poll(poll);
      offerModels =
          new ActiveModel<>(
              vertx, new OfferModelLoader(registry, Clock.systemUTC()), metrics, Clock.systemUTC());
      try {
        await(offerModels.refresh(false, "startup"), "load the offer model");
      } catch (IllegalStateException e) {
        LOG.log(Level.WARNING, "starting without an offer model: " + e.getMessage());
      }
      if (offerModels.current() == null && offerModels.lastRefusal() == null) {
        LOG.log(
            Level.INFO,
            "no offer model in " + registry + " yet; rewards answer 503 until one is promoted");
      }
      offerModels.poll(poll);
      ChurnRiskService scoring =
          new ChurnRiskService(
              clock,
              config.scoring().maxStateAge(),
              config.scoring().reasonsFrom(),
              config.scoring().language());
      // One member reader for every route that reads members: it holds no state beyond the
      // connection.
      MemberReader memberReader = new MemberReader(redis.jedis());
      if (config.apiKeys().isEmpty()) {
        LOG.log(
            Level.WARNING, "no api_keys configured: every /v1 request will be refused with 401");
      }
      // Catalogue changes are stamped with wall-clock time even when scoring uses a fixed day.
      OfferCatalogCache offerCatalog =
          new OfferCatalogCache(redis, rewards.offerCacheTtl(), Clock.systemUTC());
      RewardsService rewardsService =
          new RewardsService(
              redis,
              memberReader,
              offerCatalog,
              rewards.offerCacheTtl(),
              scoring,
              new RewardRanker(rewards.rankingPolicy(), config.scoring().currency()),
              new RankingLog(redis.jedis(), rewards.rankingLogLength()),
              Clock.systemUTC());
      // Firings carry the top of the rewards ranking, with the offer model served at the time.
      BestReward bestReward = BestReward.ranking(rewardsService, offerModels::current);
      // A control-group member's firings are recorded held_out (never delivered), with the same
      // assignment as reward issues.
      EventTriggers eventTriggers =
          new EventTriggers(
              config.triggers(),
              scoring,
              ReasonWords.of(config.scoring().language(), config.scoring().currency()),
              bestReward,
              config.holdouts()::heldOut,
              redis.jedis(),
              metrics);
      relayTriggers(vertx, redis, eventTriggers, config);
      ActiveModel<ServingModel> servedModels = models;
      ActiveModel<OfferModel> servedOffers = offerModels;
      TimeTriggers timeTriggers =
          new TimeTriggers(
              config.triggers(),
              scoring,
              ReasonWords.of(config.scoring().language(), config.scoring().currency()),
              bestReward,
              config.holdouts()::heldOut,
              servedModels::current,
              redis.jedis(),
              metrics);
      sweepTimeTriggers(vertx, redis, timeTriggers, config);
      // Started once the port is bound; readiness waits for it.
      warmup =
          new CodeWarmup(
              config.scoring().warmup(),
              models::current,
              () -> CodeWarmup.readSample(jedis, config.tenants()),
              (keys, state) -> {
                OfferModel offers = servedOffers.current();
                ServingModel churn = servedModels.current();
                return offers == null || churn == null
                    ? null
                    : rewardsService.best(keys, state, offers, churn);
              },
              scoring,
              contract.body("Event"),
              contract.body("EventBatch"));
      BodyBudget bodyBudget =
          new BodyBudget(config.http().bodyLimitBytes(), config.http().bodyBudgetBytes());
      metrics.bodyBudget(bodyBudget::reserved);
      WebhookTarget webhookTarget =
          WebhookTarget.forRedis(config.webhooks().allowPrivateTargets(), url);
      Services.Routes routes =
          new Services.Routes(
              new ScoringRoutes(
                  redis,
                  memberReader,
                  offerCatalog,
                  models,
                  scoring,
                  metrics,
                  contract.body("ChurnBatchRequest")),
              new EventRoutes(
                  redis,
                  redisConfig.memberTtl(),
                  models,
                  scoring,
                  metrics,
                  contract.body("Event"),
                  contract.body("EventBatch"),
                  eventTriggers),
              new AtRiskRoutes(redis, config.scoring().language(), config.scoring().currency()),
              new MemberRoutes(
                  redis, ReasonWords.of(config.scoring().language(), config.scoring().currency())),
              new ModelRoutes(models, offerModels),
              new OfferRoutes(redis, offerCatalog, contract.body("OfferInput")),
              new IssueRoutes(
                  redis,
                  new OfferIssuer(redis, memberReader, offerCatalog, clock, config.holdouts()),
                  metrics,
                  contract.body("IssueRequest")),
              new RewardsRoutes(redis, rewardsService, offerModels, models, metrics),
              new HealthRoutes(redis, models, warmup, redisConfig.timeout()),
              new KpiRoutes(redis, config.scoring().language()),
              new TriggerRoutes(
                  eventTriggers,
                  config.triggers().relayInterval(),
                  config.triggers().sweepInterval()),
              new WebhookRoutes(
                  redis,
                  new WebhookStore(redis.jedis()),
                  webhookTarget,
                  config.webhooks().secretGrace(),
                  Clock.systemUTC(),
                  contract.body("WebhookInput")),
              new UpliftRoutes(redis));
      Services services =
          new Services(
              config,
              contract,
              new ApiKeyHandler(new ApiKeys(keys(config, contract))),
              routes,
              bodyBudget,
              metrics,
              prometheus);
      // Webhook delivery runs on threads and Redis connections of its own, apart from the event
      // loops and the Redis workers (64 senders on the API's pool made requests wait for a
      // connection: bench/triggers.sh p99 x5), or in processes of its own (./treue webhooks).
      webhooks =
          config.webhooks().inService() ? DeliveryWorker.forConfig(config, url, metrics) : null;
      int port = listen(vertx, services, config.http());
      warmup.start();
      // Started once the port is bound: delivery lowers its threads' priority through a child
      // process, which holds copies of the JVM's descriptors for a moment (a port probed as free
      // could still be held by it when the server binds).
      if (webhooks != null) {
        webhooks.start();
      }
      LOG.log(
          Level.INFO,
          "Treue serving on http://"
              + config.http().host()
              + ":"
              + port
              + " ("
              + config.http().eventLoops()
              + " event loops, Redis "
              + RedisEndpoint.parse(url)
              + ", "
              + config.apiKeys().size()
              + " API keys, metrics "
              + (prometheus != null ? "on" : "off")
              + ")");
      return new Handle(vertx, port, url, redis, models, offerModels, webhooks, embedded, warmup);
    } catch (RuntimeException e) {
      new Handle(vertx, 0, null, redis, models, offerModels, webhooks, embedded, warmup).close();
      throw e instanceof IllegalStateException
          ? e
          : new IllegalStateException("cannot start: " + e.getMessage(), e);
    }
  }

  /**
   * Every {@code trigger_relay_interval}, relays the firings stopped relays left in the outboxes of
   * the configured tenants' members, on the worker pool. Instances sweeping at once may append a
   * firing twice, with one {@code firing_id}.
   */
  private static void relayTriggers(
      Vertx vertx, RedisAccess redis, EventTriggers triggers, ServingConfig config) {
    Duration every = config.triggers().relayInterval();
    if (every.isZero()) {
      return;
    }
    List<RedisKeys> tenants = config.tenants();
    sweepTriggersAfter(vertx, redis, triggers, tenants, Math.max(100, every.toMillis()));
  }

  /**
   * Every {@code trigger_sweep_interval}, sweeps the configured tenants' members for time-driven
   * triggers, on the worker pool; the next sweep starts only when one is done. Instances sweeping at
   * once claim each firing once ({@link TimeTriggers}).
   */
  private static void sweepTimeTriggers(
      Vertx vertx, RedisAccess redis, TimeTriggers triggers, ServingConfig config) {
    Duration every = config.triggers().sweepInterval();
    if (every.isZero()) {
      return;
    }
    List<RedisKeys> tenants = config.tenants();
    long delayMillis = Math.max(100, every.toMillis());
    sweepTimeTriggersAfter(vertx, redis, triggers, tenants, delayMillis);
  }

  private static void sweepTimeTriggersAfter(
      Vertx vertx, RedisAccess redis, TimeTriggers triggers, List<RedisKeys> tenants, long delay) {
    vertx.setTimer(
        delay,
        id ->
            redis
                .run(() -> triggers.sweep(tenants))
                .onFailure(
                    e ->
                        LOG.log(
                            Level.WARNING,
                            "time-driven trigger sweep failed, retried: " + e.getMessage()))
                .onComplete(
                    done -> sweepTimeTriggersAfter(vertx, redis, triggers, tenants, delay)));
  }

  /** One sweep after {@code delayMillis}, then the next one only when it is done: sweeps never overlap. */
  private static void sweepTriggersAfter(
      Vertx vertx,
      RedisAccess redis,
      EventTriggers triggers,
      List<RedisKeys> tenants,
      long delayMillis) {
    vertx.setTimer(
        delayMillis,
        id ->
            redis
                .run(() -> triggers.sweep(tenants))
                .onFailure(
                    e ->
                        LOG.log(
                            Level.WARNING,
                            "trigger relay sweep failed, retried: " + e.getMessage()))
                .onComplete(
                    done -> sweepTriggersAfter(vertx, redis, triggers, tenants, delayMillis)));
  }

  private static List<ApiKey> keys(ServingConfig config, ApiContract contract) {
    List<ApiKey> keys = new ArrayList<>();
    for (ApiKeyConfig k : config.apiKeys()) {
      Set<Scope> scopes = new HashSet<>();
      k.scopes().forEach(s -> scopes.add(Scope.fromWire(s)));
      keys.add(
          new ApiKey(
              k.id(),
              k.sha256(),
              k.tenant(),
              scopes,
              new RedisKeys(config.redis().namespace(), k.tenant())));
    }
    return keys;
  }

  /**
   * Deploys the API's event loops on the configured port, or on a free one when it is 0 (tests,
   * the demo): a port found free can be taken by anyone before the bind, so a few tries.
   */
  private static int listen(Vertx vertx, Services services, ServingConfig.Http http) {
    for (int attempt = 1; ; attempt++) {
      int port = http.port() == 0 ? EmbeddedRedis.freePort() : http.port();
      try {
        await(
            vertx.deployVerticle(
                () -> new ApiVerticle(services, port),
                new DeploymentOptions().setInstances(http.eventLoops())),
            "listen on port " + port);
        return port;
      } catch (IllegalStateException e) {
        if (http.port() != 0 || attempt == 3 || !(e.getCause() instanceof BindException)) {
          throw e;
        }
      }
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot " + what + " within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  private record Handle(
      Vertx vertx,
      int port,
      String redisUrl,
      RedisAccess redis,
      ActiveModel<ServingModel> models,
      ActiveModel<OfferModel> offerModels,
      DeliveryWorker webhooks,
      EmbeddedRedis embedded,
      CodeWarmup warmup)
      implements RunningServer {
    @Override
    public void close() {
      if (warmup != null) {
        warmup.stop();
      }
      if (webhooks != null) {
        webhooks.close();
      }
      if (models != null) {
        models.stop();
      }
      if (offerModels != null) {
        offerModels.stop();
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Vert.x did not close cleanly: " + e.getMessage());
      }
      if (redis != null) {
        redis.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
