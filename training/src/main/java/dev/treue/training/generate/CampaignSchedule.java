package dev.treue.training.generate;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.OfferKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The campaigns of the programme, drawn up front from the seed alone. Which member receives which
 * campaign is also pre-drawn (a uniform per member and offer, see {@link MemberSimulator}) and depends
 * on behaviour only through the tier at the send day, so the oracle can replay the schedule.
 */
final class CampaignSchedule {
  private static final double[] KIND_SHARE = {0.35, 0.25, 0.15, 0.15, 0.10};
  private static final String[] CHANNELS = {"email", "app", "email|app", "email|app|web"};

  private final List<Campaign> offers;

  private final byte[][] idBytes;

  private CampaignSchedule(List<Campaign> offers) {
    this.offers = List.copyOf(offers);
    idBytes = offers.stream().map(o -> CsvOut.ascii(o.id())).toArray(byte[][]::new);
  }

  /** The offer id as ASCII, for the event writer. */
  byte[] idBytes(int i) {
    return idBytes[i];
  }

  /**
   * About 40 campaigns per 36 simulated months, spread evenly with jitter; none for a shop without
   * a programme ({@link GeneratorConfig#purchasesOnly()}).
   */
  static CampaignSchedule draw(GeneratorConfig config) {
    if (config.purchasesOnly()) {
      return new CampaignSchedule(List.of());
    }
    SplittableRandom r = new SplittableRandom(Draws.seedFor(config.seed(), -1, 7));
    int first = config.warmupDay();
    int last = config.endDay();
    int span = last - first + 1;
    int count = Math.max(5, (int) Math.round(40.0 * span / (3 * 365.0)));
    double[] kindCum = Draws.cumulative(KIND_SHARE);
    double[] catCum = Draws.cumulative(Categories.SHARE);
    List<Campaign> drafts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int sendDay = first + (int) ((i + r.nextDouble()) * span / count);
      sendDay = Math.min(sendDay, last);
      OfferKind kind = OfferKind.values()[Draws.pick(r, kindCum)];
      int category = Draws.pick(r, catCum);
      double g = r.nextDouble();
      long value;
      long cost;
      long pointsCost = 0;
      int minTier = r.nextDouble() < 0.7 ? 0 : r.nextDouble() < 0.67 ? 1 : 2;
      switch (kind) {
        case DISCOUNT -> {
          value = 500 + Math.round(g * 1500);
          cost = Math.round(value * 0.9);
        }
        case BONUS_POINTS -> {
          value = 200 + Math.round(g * 800);
          cost = Math.round(value * 0.6); // part of bonus points is never redeemed
        }
        case FREE_SHIPPING -> {
          category = -1;
          value = 390 + Math.round(g * 200);
          cost = 350;
        }
        case GIFT -> {
          value = 1000 + Math.round(g * 1500);
          cost = value / 2;
          pointsCost = r.nextDouble() < 0.5 ? 0 : 500;
        }
        default -> {
          category = -1;
          value = 4000 + Math.round(g * 6000);
          cost = Math.round(value * 0.4);
          pointsCost = 1000 + 500L * r.nextInt(5);
          minTier = Math.max(minTier, 1);
        }
      }
      int validity = 14 + r.nextInt(29);
      double share = 0.2 + 0.4 * r.nextDouble();
      String channels = CHANNELS[r.nextInt(CHANNELS.length)];
      long budget = Math.round(config.customers() * share * 0.12 * cost / 100.0) * 100;
      int cap = kind == OfferKind.DISCOUNT && r.nextDouble() < 0.3 ? 2 : 1;
      drafts.add(
          new Campaign(
              0,
              null,
              kind,
              category,
              value,
              cost,
              pointsCost,
              minTier,
              sendDay,
              Math.min(sendDay + validity - 1, last + 60),
              budget,
              cap,
              channels,
              share,
              g));
    }
    drafts.sort(Comparator.comparingInt(Campaign::sendDay));
    List<Campaign> offers = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Campaign o = drafts.get(i);
      offers.add(
          new Campaign(
              i,
              String.format("o%03d", i + 1),
              o.kind(),
              o.category(),
              o.valueCents(),
              o.costCents(),
              o.pointsCost(),
              o.minTier(),
              o.sendDay(),
              o.validTo(),
              o.budgetCents(),
              o.perCustomerCap(),
              o.channels(),
              o.sendShare(),
              o.generosity()));
    }
    return new CampaignSchedule(offers);
  }

  List<Campaign> offers() {
    return offers;
  }

  int size() {
    return offers.size();
  }

  Campaign get(int i) {
    return offers.get(i);
  }

  /** The offers table of the data contract. */
  void writeCsv(CsvOut out) {
    out.text(
            "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,valid_to,budget,"
                + "per_customer_cap,channels")
        .newline();
    for (Campaign o : offers) {
      out.text(o.id()).comma().text(o.kind().wireName()).comma();
      if (o.category() >= 0) {
        out.text(Categories.NAMES[o.category()]);
      }
      out.comma()
          .cents(o.valueCents())
          .comma()
          .cents(o.costCents())
          .comma()
          .number(o.pointsCost())
          .comma()
          .text(TierLadder.name(o.minTier()))
          .comma()
          .text(LocalDate.ofEpochDay(o.sendDay()).toString())
          .comma()
          .text(LocalDate.ofEpochDay(o.validTo()).toString())
          .comma()
          .cents(o.budgetCents())
          .comma()
          .number(o.perCustomerCap())
          .comma()
          .text(o.channels())
          .newline();
    }
  }
}
