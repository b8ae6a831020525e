package dev.treue.serving.cli;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * The catalogue and ranking-log commands, run in the serving JVM because they talk to the service's
 * Redis: {@code offers load FILE [--replace]} (all or nothing: a file with rejects loads nothing) and
 * {@code rankings export --out FILE} (the {@code impressions} table from the ranking log).
 */
final class OfferCommands {
  private OfferCommands() {}

  /** The Redis options both commands take. */
  private static final List<Option> REDIS_OPTIONS =
      List.of(
          Option.of(
                  "redis",
                  null,
                  "redis://host:port or redis-cluster://host:port,... (default TREUE_REDIS_URL)")
              .shownAs("URL"),
          Option.of("tenant", "default", "the programme").shownAs("T"),
          Option.of("namespace", RedisKeys.DEFAULT_NAMESPACE, "first segment of every Redis key")
              .shownAs("N"));

  /** {@code offers load FILE}: an offers table into the tenant's catalogue. */
  record Load(Map<String, String> env, PrintStream out, PrintStream err) implements Command {
    @Override
    public String name() {
      return "offers load";
    }

    @Override
    public String summary() {
      return "load an offers file into the service's catalogue in Redis (all or nothing)";
    }

    @Override
    public List<Option> options() {
      List<Option> options =
          new ArrayList<>(List.of(Option.positional("file", "the offers table")));
      options.addAll(REDIS_OPTIONS);
      options.add(
          Option.flag(
              "replace", "the file is the whole catalogue: offers it leaves out are retired"));
      return options;
    }

    @Override
    public String details() {
      return """
          Loads an offers table (CSV with a header, .gz allowed) into the tenant's catalogue in Redis and sets
          each offer's budget total (what was spent stays spent). Without --replace it adds and changes the
          file's offers; with --replace the file is the whole catalogue and offers it leaves out are retired
          (kept, never offered again). A file with any reject loads nothing; the rejects are printed with line
          and reason.
          """;
    }

    @Override
    public int run(Arguments args) throws IOException {
      RedisKeys keys = keys(args);
      String url = redisUrl(args, env);
      Path file = args.path("file");
      if (!Files.isRegularFile(file)) {
        err.println("treue offers load: " + file + " is not a readable file");
        return 1;
      }
      try (UnifiedJedis redis = connect(url)) {
        FileLoad load =
            new OfferCatalogStore(redis, keys, Clock.systemUTC())
                .loadFile(file, args.flag("replace"));
        int rows = load.file().offers().size() + load.file().rejects().size();
        if (!load.written()) {
          for (OfferFile.Reject r : load.file().rejects()) {
            err.println(file + " " + r);
          }
          err.println(
              "treue offers load: "
                  + load.file().rejects().size()
                  + " of "
                  + rows
                  + " rows rejected in "
                  + file
                  + "; nothing was loaded");
          return 1;
        }
        LoadResult r = load.result();
        out.println(
            "offers load: "
                + rows
                + " rows, 0 rejects; "
                + r.added()
                + " added, "
                + r.changed()
                + " changed, "
                + r.unchanged()
                + " unchanged, "
                + r.retired()
                + " retired; catalogue version "
                + r.version()
                + " (tenant "
                + keys.tenant()
                + ")");
        return 0;
      }
    }
  }

  /** {@code rankings export --out FILE}: the impressions table from the ranking log. */
  record Export(Map<String, String> env, PrintStream out) implements Command {
    @Override
    public String name() {
      return "rankings export";
    }

    @Override
    public String summary() {
      return "write the served rankings as the impressions table, for training";
    }

    @Override
    public List<Option> options() {
      List<Option> options =
          new ArrayList<>(
              List.of(Option.required("out", "the impressions table to write").shownAs("FILE")));
      options.addAll(REDIS_OPTIONS);
      return options;
    }

    @Override
    public String details() {
      return "Columns ranking_id,customer_id,offer_id,ts,propensity,policy; one row per shown offer.\n";
    }

    @Override
    public int run(Arguments args) throws IOException {
      RedisKeys keys = keys(args);
      String url = redisUrl(args, env);
      Path target = args.path("out");
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      try (UnifiedJedis redis = connect(url)) {
        RankingLog.Exported e;
        // Written aside and moved at the end, so a failed export never leaves a truncated table
        // behind.
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
          e = new RankingLog(redis, 1).exportImpressions(keys, w);
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.println(
            "rankings export: "
                + e.rankings()
                + " rankings, "
                + e.impressions()
                + " impressions written to "
                + target
                + " (tenant "
                + keys.tenant()
                + ")");
        return 0;
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }

  private static UnifiedJedis connect(String url) {
    return RedisEndpoint.parse(url).connect(Duration.ofSeconds(5), 4);
  }

  private static RedisKeys keys(Arguments args) {
    try {
      return new RedisKeys(args.string("namespace"), args.string("tenant"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String redisUrl(Arguments args, Map<String, String> env) {
    String url = args.has("redis") ? args.string("redis") : env.get(RedisEndpoint.ENV);
    if (url == null || url.isBlank()) {
      throw new UsageException("no Redis given: use --redis URL or set " + RedisEndpoint.ENV);
    }
    RedisEndpoint.parse(url);
    return url;
  }
}
