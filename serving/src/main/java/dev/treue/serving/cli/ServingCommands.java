package dev.treue.serving.cli;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.serving.auth.ApiKeys;
import dev.treue.serving.config.ConfigKeys;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.demo.ServingDemo;
import dev.treue.serving.server.RunningServer;
import dev.treue.serving.server.TreueServer;
import dev.treue.serving.webhooks.DeliveryProcess;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The commands the serving JVM runs: {@code serve}, {@code webhooks}, {@code demo}, {@code hash-key} and the Redis-only offer
 * commands ({@link OfferCommands}), in the order help lists them.
 */
final class ServingCommands {
  private ServingCommands() {}

  static List<Command> all(Map<String, String> env, PrintStream out, PrintStream err) {
    return List.of(
        new Demo(env, out),
        new Serve(env, out),
        new Webhooks(env, out),
        new HashKey(out),
        new OfferCommands.Load(env, out, err),
        new OfferCommands.Export(env, out));
  }

  /**
   * Closes {@code running} when the JVM is asked to stop (Ctrl-C, SIGTERM); the latch opens once it
   * is closed.
   */
  private static CountDownLatch closedOnShutdown(AutoCloseable running) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    System.err.println("treue: closing failed: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "treue-shutdown"));
    return stopped;
  }

  /** {@code serve}: runs the service until stopped (Ctrl-C or SIGTERM close it cleanly). */
  record Serve(Map<String, String> env, PrintStream out) implements Command {
    @Override
    public String name() {
      return "serve";
    }

    @Override
    public String summary() {
      return "run the scoring service until stopped";
    }

    @Override
    public List<Option> options() {
      return List.of(
          Option.of("port", null, "HTTP port, overrides the config's (0: any free port)")
              .shownAs("N"),
          Option.of("config", null, "JSON config file of the keys below").shownAs("FILE"),
          Option.of("registry", null, "model registry folder, overrides the config's")
              .shownAs("DIR"));
    }

    @Override
    public String details() {
      return "Options override the environment, which overrides the file: TREUE_<KEY> sets a key, e.g.\n"
          + "TREUE_REDIS_URL=redis://127.0.0.1:6379. Without a Redis URL an embedded Redis is started.\n\n"
          + "Config keys (key, default, meaning [range]):\n"
          + ConfigKeys.usage();
    }

    @Override
    public int run(Arguments args) throws InterruptedException {
      RunningServer server = TreueServer.start(config(args, env));
      CountDownLatch stopped = closedOnShutdown(server);
      out.println("Treue serving on " + server.baseUrl() + " (Ctrl-C stops)");
      stopped.await();
      return 0;
    }

    /** The configuration: file, then environment, then command-line options. */
    static ServingConfig config(Arguments args, Map<String, String> env) {
      Map<String, String> merged = new HashMap<>(env);
      if (args.has("port")) {
        merged.put(ConfigKeys.PORT.envVar(), args.string("port"));
      }
      if (args.has("registry")) {
        merged.put(ConfigKeys.REGISTRY.envVar(), args.string("registry"));
      }
      return args.has("config")
          ? ServingConfig.load(args.path("config"), merged)
          : ServingConfig.fromJson(new JsonObject(), merged, "environment");
    }
  }

  /**
   * {@code webhooks}: webhook delivery apart from the service, until stopped; prints a progress line
   * a minute.
   */
  record Webhooks(Map<String, String> env, PrintStream out) implements Command {
    @Override
    public String name() {
      return "webhooks";
    }

    @Override
    public String summary() {
      return "deliver webhooks in a process of its own (services run with webhook_delivery_in_service false)";
    }

    @Override
    public List<Option> options() {
      return List.of(
          Option.of(
                  "config",
                  null,
                  "the service's JSON config file (Redis, API keys, webhook_* keys)")
              .shownAs("FILE"),
          Option.of("progress-every", "60", "seconds between progress lines").shownAs("S"),
          Option.of(
                  "metrics-port",
                  null,
                  "serve GET /metrics (Prometheus) and /health/live on this port of the config's host"
                      + " (0: any free port)")
              .shownAs("N"));
    }

    @Override
    public String details() {
      return "Reads the firings of every tenant with an API key from the service's Redis (redis_url or\n"
          + "TREUE_REDIS_URL is required) and delivers them with the webhook_* settings. Any number of\n"
          + "these processes and of services delivering in service share the work; each firing reaches\n"
          + "each subscription once (retries keep its delivery_id). Runs below normal CPU priority.\n";
    }

    @Override
    public int run(Arguments args) throws InterruptedException {
      long every = Math.max(1, args.integer("progress-every"));
      if (args.has("metrics-port")
          && (args.integer("metrics-port") < 0 || args.integer("metrics-port") > 65_535)) {
        throw new IllegalArgumentException(
            "--metrics-port is a port, 0 to 65535 (0: any free port), not "
                + args.string("metrics-port"));
      }
      DeliveryProcess delivery =
          DeliveryProcess.start(
              Serve.config(args, env),
              args.has("metrics-port")
                  ? OptionalInt.of(args.integer("metrics-port"))
                  : OptionalInt.empty());
      CountDownLatch stopped = closedOnShutdown(delivery);
      out.println("Treue webhook delivery for " + delivery.describe() + " (Ctrl-C stops)");
      while (!stopped.await(every, TimeUnit.SECONDS)) {
        out.println("webhooks: " + delivery.progress());
      }
      return 0;
    }
  }

  /** {@code demo}: the whole product on a generated programme, served with a fresh demo API key. */
  record Demo(Map<String, String> env, PrintStream out) implements Command {
    @Override
    public String name() {
      return "demo";
    }

    @Override
    public String summary() {
      return "the whole product: Redis, generate, train, materialize, serve with a demo API key";
    }

    @Override
    public List<Option> options() {
      return List.of(
          Option.of("port", "8080", "HTTP port").shownAs("N"),
          Option.of("customers", "20000", "members in the generated programme").shownAs("N"),
          Option.of("dir", "demo", "folder for data and models").shownAs("DIR"));
    }

    @Override
    public String details() {
      return "Loads Redis (embedded unless TREUE_REDIS_URL is set), prints example calls; runs until stopped.\n";
    }

    @Override
    public int run(Arguments args) throws Exception {
      Map<String, String> options = new HashMap<>();
      for (Option o : options()) {
        options.put(o.name(), args.string(o.name()));
      }
      return new ServingDemo(out).run(options, env);
    }
  }

  /** {@code hash-key SECRET}: the SHA-256 to put in {@code api_keys[].sha256}. */
  record HashKey(PrintStream out) implements Command {
    @Override
    public String name() {
      return "hash-key";
    }

    @Override
    public String summary() {
      return "print the SHA-256 of an API key secret, for the service config's api_keys[].sha256";
    }

    @Override
    public List<Option> options() {
      return List.of(Option.positional("secret", "the API key secret"));
    }

    @Override
    public int run(Arguments args) {
      out.println(ApiKeys.sha256(args.string("secret")));
      return 0;
    }
  }
}
