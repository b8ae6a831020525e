package dev.treue.training.generate;

import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.concurrent.Futures;
import dev.treue.core.event.EventType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates the whole programme into a directory: {@code customers.csv}, {@code events.csv},
 * {@code offers.csv}, {@code truth.csv} and {@code latent.csv}; {@code impressions.csv} (the
 * campaigns' logging policy: with what probability each sent offer was chosen) and
 * {@code offer_truth.csv} (each sent offer's true redemption probability, see {@link OfferTruth}).
 * A shop without a programme ({@link GeneratorConfig#purchasesOnly()}) gets {@code orders.csv}, a
 * plain shop export for {@code import transactions}, with {@code truth.csv} and {@code latent.csv}.
 *
 * <p>Members are simulated in blocks on a thread pool; blocks are written strictly in member order,
 * and every member draws from its own stream seeded by (seed, member index), so the bytes depend
 * only on the configuration, never on the thread count or scheduling.
 */
public final class ProgrammeGenerator {
  /** Members per block: big enough to amortise task overhead, small enough to bound memory. */
  static final int BLOCK_MEMBERS = 1000;

  private static final int WRITE_BUFFER = 1 << 22;

  private final GeneratorConfig config;

  public ProgrammeGenerator(GeneratorConfig config) {
    this.config = config;
  }

  /** What was generated. */
  public record Summary(
      long members,
      long events,
      long truthRows,
      int offers,
      int cutoffs,
      double seconds,
      long[] eventsByType) {

    /** One line for the console. */
    public String line() {
      return String.format(
          java.util.Locale.ROOT,
          "generated %,d members, %,d events (%.1f per member), %d offers, %,d truth rows over %d "
              + "cutoffs in %.1f s (%,.0f events/s)",
          members,
          events,
          events / (double) Math.max(members, 1),
          offers,
          truthRows,
          cutoffs,
          seconds,
          events / Math.max(seconds, 1e-9));
    }
  }

  /** Writes the files into {@code dir}, creating it when needed. */
  public Summary run(Path dir) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Files.createDirectories(dir);
    CampaignSchedule offers = CampaignSchedule.draw(config);
    ProgrammeCalendar calendar =
        new ProgrammeCalendar(config.warmupDay(), config.endDay() + config.horizonDays());
    boolean programme = !config.purchasesOnly();
    if (programme) {
      CsvOut offersCsv = new CsvOut(8192);
      offers.writeCsv(offersCsv);
      try (OutputStream o = Files.newOutputStream(dir.resolve("offers.csv"))) {
        offersCsv.writeTo(o);
      }
    }
    long events = 0;
    long truthRows = 0;
    long[] byType = new long[EventType.values().length];
    ExecutorService pool =
        Executors.newFixedThreadPool(config.threads(), DaemonThreads.named("treue-generate"));
    try (OutputStream customers =
            open(programme, dir, "customers.csv", MemberSimulator.CUSTOMERS_HEADER);
        OutputStream eventsOut =
            programme
                ? open(dir, "events.csv", MemberSimulator.EVENTS_HEADER)
                : open(dir, "orders.csv", MemberSimulator.ORDERS_HEADER);
        OutputStream truth = open(dir, "truth.csv", MemberSimulator.TRUTH_HEADER);
        OutputStream latent = open(dir, "latent.csv", MemberSimulator.LATENT_HEADER);
        OutputStream offerTruth =
            open(programme, dir, "offer_truth.csv", MemberSimulator.OFFER_TRUTH_HEADER);
        OutputStream impressions =
            open(programme, dir, "impressions.csv", MemberSimulator.IMPRESSIONS_HEADER)) {
      ArrayDeque<Future<GeneratorBlock>> pending = new ArrayDeque<>();
      int maxPending = config.threads() * 3;
      for (int from = 0; from < config.customers() || !pending.isEmpty(); ) {
        if (from < config.customers() && pending.size() < maxPending) {
          int start = from;
          int end = Math.min(config.customers(), from + BLOCK_MEMBERS);
          pending.add(pool.submit(() -> simulate(calendar, offers, start, end)));
          from = end;
          continue;
        }
        GeneratorBlock b = pending.poll().get();
        b.customers.writeTo(customers);
        b.events.writeTo(eventsOut);
        b.truth.writeTo(truth);
        b.latent.writeTo(latent);
        b.offerTruth.writeTo(offerTruth);
        b.impressions.writeTo(impressions);
        events += b.eventCount;
        truthRows += b.truthRows;
        for (int i = 0; i < byType.length; i++) {
          byType[i] += b.eventTypeCounts[i];
        }
      }
    } catch (ExecutionException e) {
      throw Futures.failure(e, "generator worker");
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Summary(
        config.customers(),
        events,
        truthRows,
        offers.size(),
        config.cutoffs().size(),
        seconds,
        byType);
  }

  private GeneratorBlock simulate(
      ProgrammeCalendar calendar, CampaignSchedule offers, int from, int to) {
    GeneratorBlock block = new GeneratorBlock(to - from);
    MemberSimulator sim = new MemberSimulator(config, calendar, offers);
    for (int i = from; i < to; i++) {
      sim.simulate(i, block);
    }
    block.eventCount = sim.events;
    block.eventTypeCounts = sim.eventTypeCounts();
    return block;
  }

  /** A file of the loyalty programme, or a sink when there is no programme. */
  private static OutputStream open(boolean programme, Path dir, String name, String header)
      throws IOException {
    return programme ? open(dir, name, header) : OutputStream.nullOutputStream();
  }

  private static OutputStream open(Path dir, String name, String header) throws IOException {
    OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), WRITE_BUFFER);
    out.write((header + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out;
  }
}
