package dev.treue.serving.cli;

import dev.treue.serving.auth.ApiKeys;
import dev.treue.serving.config.ConfigException;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.demo.ServingDemo;
import dev.treue.serving.server.RunningServer;
import dev.treue.serving.server.TreueServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The service's command line: {@code serve [--port N] [--config FILE] [--registry DIR]} runs until
 * stopped (Ctrl-C or SIGTERM close it cleanly); {@code hash-key SECRET} prints the SHA-256 to put in
 * {@code api_keys}; {@code --help} explains both. Command-line options override the environment,
 * which overrides the file.
 */
public final class ServingCli {
  static final String USAGE = """
      Usage: treue serve [--port N] [--config FILE] [--registry DIR]
             treue demo [--port N] [--customers N] [--dir DIR]
             treue hash-key SECRET
             treue offers load FILE [--redis URL] [--tenant T] [--namespace N] [--replace]
             treue rankings export --out FILE [--redis URL] [--tenant T] [--namespace N]

      serve      Runs the scoring service until stopped.
        --port N         HTTP port (default 8080; 0 = any free port)
        --config FILE    JSON config file; keys: host, port, redis_url, redis_timeout,
                         redis_max_connections, worker_pool_size, event_loops, registry,
                         model_poll_interval, max_state_age, clock, body_limit_bytes,
                         metrics_enabled, member_ttl, namespace, reasons_from,
                         offer_cache_ttl, ranking_log_length, ranking_objective,
                         margin_rate, default_basket, retention_threshold, retention_weight,
                         exploration_share, api_keys
                         (see dev.treue.serving.config.ServingConfig)
        --registry DIR   model registry folder (default ./models)
      Environment: TREUE_<KEY> overrides a config key, e.g. TREUE_REDIS_URL=redis://127.0.0.1:6379,
        TREUE_PORT, TREUE_REGISTRY. Without a Redis URL an embedded Redis is started.
      demo       Generates a programme, trains, loads Redis (embedded unless TREUE_REDIS_URL is set),
                 serves it with a fresh demo API key and prints example calls; runs until stopped.
        --port N         HTTP port (default 8080)
        --customers N    members in the generated programme (default 20000)
        --dir DIR        folder for data and models (default ./demo)
      hash-key   Prints the SHA-256 of an API key secret, for api_keys[].sha256.
      """ + OfferCommands.USAGE;

  private ServingCli() {}

  public static void main(String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs a command; returns the exit code. {@code serve} blocks until the JVM is asked to stop. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      switch (args[0]) {
        case "serve" -> {
          ServingConfig config = config(args, env);
          RunningServer server = TreueServer.start(config);
          CountDownLatch stopped = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
          }, "treue-shutdown"));
          out.println("Treue serving on " + server.baseUrl() + " (Ctrl-C stops)");
          stopped.await();
          return 0;
        }
        case "demo" -> {
          return new ServingDemo(out).run(demoOptions(args), env);
        }
        case "hash-key" -> {
          if (args.length != 2) {
            err.println("hash-key takes one argument, the secret\n\n" + USAGE);
            return 2;
          }
          out.println(ApiKeys.sha256(args[1]));
          return 0;
        }
        case "offers" -> {
          return new OfferCommands(out, err).offers(args, env);
        }
        case "rankings" -> {
          return new OfferCommands(out, err).rankings(args, env);
        }
        default -> {
          err.println("unknown command '" + args[0] + "'; expected serve, demo, hash-key, offers or rankings\n\n"
              + USAGE);
          return 2;
        }
      }
    } catch (UsageError e) {
      err.println(e.getMessage() + "\n\n" + USAGE);
      return 2;
    } catch (ConfigException | IllegalStateException e) {
      err.println("treue serve: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("treue " + args[0] + ": " + e.getMessage());
      return 1;
    } catch (redis.clients.jedis.exceptions.JedisException e) {
      err.println("treue " + args[0] + ": Redis failed: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("treue " + args[0] + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The configuration: file, then environment, then command-line options. */
  static ServingConfig config(String[] args, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(env);
    String file = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--help") && i + 1 >= args.length) {
        throw new UsageError("option " + option + " needs a value");
      }
      switch (option) {
        case "--help" -> throw new UsageError("serve options:");
        case "--port" -> merged.put("TREUE_PORT", args[++i]);
        case "--registry" -> merged.put("TREUE_REGISTRY", args[++i]);
        case "--config" -> file = args[++i];
        default -> throw new UsageError("unknown option '" + option + "'; expected --port, --config or --registry");
      }
    }
    return file == null ? ServingConfig.fromJson(new JsonObject(), merged, "environment")
        : ServingConfig.load(Path.of(file), merged);
  }

  /** {@code demo} options as a map; refuses unknown ones. */
  static Map<String, String> demoOptions(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help")) {
        throw new UsageError("demo options:");
      }
      if (!List.of("--port", "--customers", "--dir").contains(option)) {
        throw new UsageError("unknown option '" + option + "'; expected --port, --customers or --dir");
      }
      if (i + 1 >= args.length) {
        throw new UsageError("option " + option + " needs a value");
      }
      options.put(option.substring(2), args[++i]);
    }
    return options;
  }

  /** A command line that cannot be run. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}
