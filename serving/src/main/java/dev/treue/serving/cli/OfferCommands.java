package dev.treue.serving.cli;

import dev.treue.serving.cli.ServingCli.UsageError;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.OfferCatalogStore.FileLoad;
import dev.treue.store.OfferCatalogStore.LoadResult;
import dev.treue.store.OfferFile;
import dev.treue.store.RankingLog;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * The catalogue and ranking-log commands, run in the serving JVM because they talk to the service's
 * Redis: {@code offers load FILE [--replace]} (all or nothing: a file with rejects loads nothing) and
 * {@code rankings export --out FILE} (the {@code impressions} table from the ranking log).
 */
final class OfferCommands {
  static final String USAGE = """
      offers load FILE [--redis URL] [--tenant T] [--namespace N] [--replace]
                 Loads an offers table (CSV with a header, .gz allowed) into the tenant's catalogue in
                 Redis and sets each offer's budget total (what was spent stays spent). Without
                 --replace it adds and changes the file's offers; with --replace the file is the whole
                 catalogue and offers it leaves out are retired (kept, never offered again). A file
                 with any reject loads nothing; the rejects are printed with line and reason.
      rankings export --out FILE [--redis URL] [--tenant T] [--namespace N]
                 Writes the impressions table (ranking_id,customer_id,offer_id,ts,propensity,policy;
                 one row per shown offer) from the tenant's ranking log in Redis.
        --redis URL      redis://host:port or redis-cluster://host:port,... (default TREUE_REDIS_URL)
        --tenant T       the programme (default 'default')
        --namespace N    first segment of every Redis key (default 'treue')
      """;

  private final PrintStream out;
  private final PrintStream err;

  OfferCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** {@code offers load ...}; returns the exit code. */
  int offers(String[] args, Map<String, String> env) throws IOException {
    if (args.length < 2 || !args[1].equals("load")) {
      throw new UsageError("offers: expected 'offers load FILE'");
    }
    Options o = Options.parse(args, 2, Set.of("--redis", "--tenant", "--namespace"), Set.of("--replace"));
    if (o.positional == null) {
      throw new UsageError("offers load: which file? expected 'offers load FILE'");
    }
    RedisKeys keys = o.keys();
    String url = o.redisUrl(env);
    Path file = Path.of(o.positional);
    if (!Files.isRegularFile(file)) {
      err.println("treue offers load: " + file + " is not a readable file");
      return 1;
    }
    try (UnifiedJedis redis = connect(url)) {
      FileLoad load = new OfferCatalogStore(redis, keys, Clock.systemUTC()).loadFile(file, o.flags.contains("--replace"));
      int rows = load.file().offers().size() + load.file().rejects().size();
      if (!load.written()) {
        for (OfferFile.Reject r : load.file().rejects()) {
          err.println(file + " " + r);
        }
        err.println("treue offers load: " + load.file().rejects().size() + " of " + rows + " rows rejected in "
            + file + "; nothing was loaded");
        return 1;
      }
      LoadResult r = load.result();
      out.println("offers load: " + rows + " rows, 0 rejects; " + r.added() + " added, " + r.changed() + " changed, "
          + r.unchanged() + " unchanged, " + r.retired() + " retired; catalogue version " + r.version() + " (tenant "
          + keys.tenant() + ")");
      return 0;
    }
  }

  /** {@code rankings export ...}; returns the exit code. */
  int rankings(String[] args, Map<String, String> env) throws IOException {
    if (args.length < 2 || !args[1].equals("export")) {
      throw new UsageError("rankings: expected 'rankings export --out FILE'");
    }
    Options o = Options.parse(args, 2, Set.of("--redis", "--tenant", "--namespace", "--out"), Set.of());
    if (o.positional != null) {
      throw new UsageError("rankings export: unexpected argument '" + o.positional + "'");
    }
    String outFile = o.values.get("--out");
    if (outFile == null) {
      throw new UsageError("rankings export: --out FILE is required");
    }
    RedisKeys keys = o.keys();
    String url = o.redisUrl(env);
    Path target = Path.of(outFile);
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try (UnifiedJedis redis = connect(url)) {
      RankingLog.Exported e;
      // Written aside and moved at the end, so a failed export never leaves a truncated table behind.
      try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        e = new RankingLog(redis, 1).exportImpressions(keys, w);
      }
      Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      out.println("rankings export: " + e.rankings() + " rankings, " + e.impressions() + " impressions written to "
          + target + " (tenant " + keys.tenant() + ")");
      return 0;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static UnifiedJedis connect(String url) {
    return RedisEndpoint.parse(url).connect(Duration.ofSeconds(5), 4);
  }

  /** Parsed options: one optional positional argument, options with values, flags. */
  private static final class Options {
    String positional;
    final Map<String, String> values = new HashMap<>();
    final java.util.Set<String> flags = new java.util.HashSet<>();

    static Options parse(String[] args, int from, Set<String> withValue, Set<String> flags) {
      Options o = new Options();
      for (int i = from; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help")) {
          throw new UsageError("options:");
        }
        if (withValue.contains(a)) {
          if (i + 1 >= args.length) {
            throw new UsageError("option " + a + " needs a value");
          }
          o.values.put(a, args[++i]);
        } else if (flags.contains(a)) {
          o.flags.add(a);
        } else if (a.startsWith("--")) {
          List<String> known = new java.util.ArrayList<>(withValue);
          known.addAll(flags);
          java.util.Collections.sort(known);
          throw new UsageError("unknown option '" + a + "'; expected " + String.join(", ", known));
        } else if (o.positional == null) {
          o.positional = a;
        } else {
          throw new UsageError("unexpected argument '" + a + "'");
        }
      }
      return o;
    }

    RedisKeys keys() {
      String tenant = values.getOrDefault("--tenant", "default");
      String namespace = values.getOrDefault("--namespace", RedisKeys.DEFAULT_NAMESPACE);
      try {
        return new RedisKeys(namespace, tenant);
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
    }

    String redisUrl(Map<String, String> env) {
      String url = values.getOrDefault("--redis", env.get(RedisEndpoint.ENV));
      if (url == null || url.isBlank()) {
        throw new UsageError("no Redis given: use --redis URL or set " + RedisEndpoint.ENV);
      }
      RedisEndpoint.parse(url);
      return url;
    }
  }
}
