package dev.treue.training.generate;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.offers.OfferKind;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Simulates one member day by day from the first simulated day to the end of the history, writing
 * the member's customer row, events, latent row and truth rows. Not thread safe: one per worker.
 *
 * <p>Each day: the programme's scheduled part ({@link ProgrammeState#startOfDay}); then, while alive,
 * purchases ~ Poisson(lambda * monthly activity * season * offer boost), each earning points (x2 from gold) and maybe
 * redeeming the best held offer, sometimes returned 1-14 days later, and points cashed in when the
 * balance allows; app sessions ~ Poisson(eta), 5% of that once dead; newsletter and offer emails
 * opened with probability p (5% of p once dead). At the end of the day the member survives with
 * probability {@code exp(-mu * m)}, m from {@link ProgrammeState#hazardIndex} ({@link Dropout}, the
 * hidden state). Dead members keep their programme life (expiry, downgrades, campaigns) but never
 * buy or redeem. The oracle's belief ({@link AliveFilter}) sees each day's observations; at a
 * cutoff {@link ChurnOracle} turns it into the truth row, on a send day {@link OfferTruth}.
 */
final class MemberSimulator {
  /** Share of members who joined before the history starts. */
  static final double EXISTING_SHARE = 0.40;

  /** Existing members joined up to this many days before the history. */
  static final int EXISTING_SPAN_DAYS = 5 * 365;

  /** Dead members still engage at this fraction of their alive rate (app, emails). */
  static final double DEAD_ENGAGEMENT = 0.05;

  /** Most members buy something on the day they sign up (signup at the till or first web order). */
  static final double SIGNUP_PURCHASE = 0.7;

  static final double RETURN_RATE = 0.04;

  /** Points are cashed in multiples of this, once the balance reaches it. */
  static final long REDEEM_UNIT = 500;

  /** Offers lift the purchase rate by this per unit of affinity. */
  static final double OFFER_LIFT = 0.35;

  static final double OFFER_REDEEM_PER_AFFINITY = 0.3;

  /**
   * Each calendar month an alive member's purchase rate is multiplied by an activity factor
   * G ~ Gamma(shape, mean 1), drawn at the month's start: busy and quiet months. The oracle knows
   * past factors but not future ones, which it integrates out in closed form; this is the
   * irreducible noise that keeps even the true model's AUC realistic.
   */
  static final double ACTIVITY_SHAPE = 0.5;

  private final GeneratorConfig config;
  private final ProgrammeCalendar calendar;
  private final CampaignSchedule offers;
  private final int[] cutoffs;
  private final byte[][] cutoffDates;
  private final ProgrammeState state;
  private final ChurnOracle oracle;
  private final OfferTruth offerTruth;
  private final DayEvents day = new DayEvents();

  private final boolean[] targeted;
  private final double[] offerBoost;
  private final double[] redeemProbability;
  private final int[] sendChannel;

  // The current member's precomputed rates, shared with the oracle.
  private LatentTraits traits;
  private final double[] noPurchaseByWeekday = new double[7];
  private double activity;
  private final double[] survival = new double[ProgrammeState.HAZARD_MULTIPLIER.length];

  // The current member: who, where in the history, the hidden dropout and the oracle's belief.
  private byte[] customerId;
  private long memberNumber;
  private int signup;
  private int simStart;
  private int seq;
  private int nextCutoff;
  private double p0App;
  private double p0AppDead;
  private boolean oneTimer;
  private boolean boughtOnce;
  private final Dropout dropout = new Dropout();
  private final AliveFilter aliveFilter = new AliveFilter();

  long events;

  MemberSimulator(GeneratorConfig config, ProgrammeCalendar calendar, CampaignSchedule offers) {
    this.config = config;
    this.calendar = calendar;
    this.offers = offers;
    this.cutoffs = config.cutoffDays();
    this.cutoffDates = new byte[cutoffs.length][];
    for (int i = 0; i < cutoffs.length; i++) {
      cutoffDates[i] = calendar.date(cutoffs[i]);
    }
    this.state = new ProgrammeState(calendar, offers);
    this.oracle = new ChurnOracle(new ProgrammeState(calendar, offers), calendar);
    this.offerTruth =
        new OfferTruth(
            new ProgrammeState(calendar, offers),
            calendar,
            offers,
            config.endDay() + config.horizonDays());
    int n = offers.size();
    targeted = new boolean[n];
    offerBoost = new double[n];
    redeemProbability = new double[n];
    sendChannel = new int[n];
  }

  /** Events written so far by type ({@link EventType} ordinal). */
  int[] eventTypeCounts() {
    return day.counts();
  }

  /** P(survive the end of a day) for a hazard index, for the current member. */
  double survival(int hazardIndex) {
    // A one-time buyer drops out at the end of the day of the first purchase, for certain.
    return boughtOnce ? 0 : survival[hazardIndex];
  }

  /**
   * Purchase rate of an alive member on day d before the monthly activity factor: latent rate x
   * seasonality x offer boost. Depends only on the (replayable) programme state.
   */
  double baseRate(ProgrammeState s, int d) {
    double rate = traits.lambda * Seasonality.factor(calendar.seasonIndex(d));
    return s.activeCount == 0 ? rate : rate * s.offerBoost();
  }

  /** The current month's activity factor, known to the oracle once drawn. */
  double activity() {
    return activity;
  }

  /**
   * P(no purchase in a month | alive) for a month whose activity factor is not drawn yet, given the
   * month's summed base rate: E[exp(-G a)] for G ~ Gamma(k, 1/k) is (1 + a/k)^-k, with k = 0.5
   * a square root (cheap in the oracle's daily loop, unlike a general power).
   */
  static double unknownMonthNoPurchase(double baseRateSum) {
    return 1 / Math.sqrt(1 + baseRateSum / ACTIVITY_SHAPE);
  }

  private void newMonth(SplittableRandom rng, int d) {
    activity = Draws.gammaMean(rng, ACTIVITY_SHAPE, 1);
    int month = calendar.seasonIndex(d) % 12;
    for (int w = 0; w < 7; w++) {
      noPurchaseByWeekday[w] =
          Math.exp(-traits.lambda * activity * Seasonality.factor(w * 12 + month));
    }
  }

  /** Simulates member {@code index} (0-based) into the block's buffers. */
  void simulate(int index, GeneratorBlock out) {
    SplittableRandom rng = new SplittableRandom(Draws.seedFor(config.seed(), index, 1));
    join(index, rng);
    for (int d = simStart; d <= config.endDay(); d++) {
      simulateDay(d, rng, out);
    }
    writeCustomer(out.customers, customerId, traits);
    writeLatent(out.latent, customerId, traits, dropout.deathDay());
  }

  /**
   * Draws the member's signup day and traits and when they will drop out, and starts the programme
   * and the oracle's belief on the first simulated day.
   */
  private void join(int index, SplittableRandom rng) {
    int startDay = config.startDay();
    int endDay = config.endDay();
    signup =
        rng.nextDouble() < EXISTING_SHARE
            ? startDay - 1 - rng.nextInt(EXISTING_SPAN_DAYS)
            : startDay + rng.nextInt(endDay - startDay + 1);
    traits = LatentTraits.draw(rng, signup, endDay);
    customerId = customerId(index);
    boolean heldOut =
        config
            .holdout()
            .heldOut(new String(customerId, java.nio.charset.StandardCharsets.US_ASCII));
    prepare(traits, new SplittableRandom(Draws.seedFor(config.seed(), index, 2)), heldOut);
    simStart = Math.max(signup, config.warmupDay());
    state.reset(simStart, targeted, offerBoost, redeemProbability, sendChannel);
    memberNumber = index + 1L;
    seq = 1;
    dropout.start(rng);
    // Drawn from a stream of its own, and only when asked for, so other members and the default
    // output are unchanged.
    oneTimer =
        config.oneTimeShare() > 0
            && new SplittableRandom(Draws.seedFor(config.seed(), index, 3)).nextDouble()
                < config.oneTimeShare();
    boughtOnce = false;
    aliveFilter.start(traits);
    p0App = Math.exp(-traits.eta);
    p0AppDead = Math.exp(-traits.eta * DEAD_ENGAGEMENT);
    nextCutoff = 0;
    while (nextCutoff < cutoffs.length && cutoffs[nextCutoff] < simStart) {
      nextCutoff++;
    }
  }

  /**
   * One day: the programme's scheduled part, the offer truth of today's sends, the member's
   * purchases, app sessions and email opens (each seen by the oracle's belief), the churn truth at a
   * cutoff, the end-of-day dropout, and the day's events.
   */
  private void simulateDay(int d, SplittableRandom rng, GeneratorBlock out) {
    day.clear();
    state.startOfDay(d, day);
    if (d == simStart || calendar.isMonthStart(d)) {
      newMonth(rng, d);
    }
    aliveFilter.startDay();
    if (state.sentCount > 0) {
      writeOfferTruth(out, d, aliveFilter.aliveProbability());
    }
    double rate = baseRate(state, d) * activity;
    double noPurchase =
        state.activeCount == 0
            ? noPurchaseByWeekday[calendar.seasonIndex(d) / 12]
            : Math.exp(-rate);
    int purchases = dropout.alive() ? shop(d, rng, rate, noPurchase) : 0;
    boughtOnce |= oneTimer && purchases > 0;
    if (!config.purchasesOnly()) {
      // A shop without a programme has no app or email: nothing to draw, nothing to observe.
      appSessions(rng);
      double open =
          dropout.alive() ? traits.openProbability : traits.openProbability * DEAD_ENGAGEMENT;
      newsletter(d, rng, open);
      offerViews(rng, open);
    }
    aliveFilter.endDay(purchases > 0 || d == simStart, noPurchase);

    int hazardIndex = state.hazardIndex(d);
    if (nextCutoff < cutoffs.length && cutoffs[nextCutoff] == d) {
      writeChurnTruth(out, d);
      nextCutoff++;
    }
    dropout.endOfDay(
        d,
        boughtOnce
            ? Double.POSITIVE_INFINITY
            : traits.mu * ProgrammeState.HAZARD_MULTIPLIER[hazardIndex]);
    aliveFilter.dropoutAtEndOfDay(survival(hazardIndex));
    if (day.size() > 0) {
      events += day.size();
      seq =
          config.purchasesOnly()
              ? day.writeOrders(out.events, calendar, d, customerId, memberNumber, seq)
              : day.write(out.events, calendar, d, customerId, memberNumber, seq, offers);
    }
  }

  /** An alive member's purchases of the day, and points cashed in after them; returns how many. */
  private int shop(int d, SplittableRandom rng, double rate, double noPurchase) {
    int purchases = Draws.poisson(rng, rate, noPurchase);
    if (d == signup && rng.nextDouble() < SIGNUP_PURCHASE) {
      purchases++;
    }
    if (oneTimer) {
      // One purchase, then gone: never a second order on the same day either.
      purchases = Math.min(purchases, 1);
    }
    int lastSecond = 0;
    for (int i = 0; i < purchases; i++) {
      lastSecond = Math.max(lastSecond, purchase(d, rng, traits));
    }
    if (purchases > 0
        && !config.purchasesOnly()
        && state.balance >= REDEEM_UNIT
        && rng.nextDouble() < traits.redeemPropensity) {
      long points = state.balance / REDEEM_UNIT * REDEEM_UNIT;
      state.redeem(d, points);
      // 100 points are worth one currency unit.
      day.add(
          lastSecond + 30,
          EventType.POINTS_REDEEMED,
          points,
          points,
          DayEvents.NONE,
          DayEvents.NONE,
          traits.channel);
    }
    return purchases;
  }

  /** App sessions ~ Poisson(eta), 5% of that once dead. */
  private void appSessions(SplittableRandom rng) {
    int apps =
        dropout.alive()
            ? Draws.poisson(rng, traits.eta, p0App)
            : Draws.poisson(rng, traits.eta * DEAD_ENGAGEMENT, p0AppDead);
    for (int i = 0; i < apps; i++) {
      day.add(
          5 * 3600 + rng.nextInt(18 * 3600),
          EventType.APP_SESSION,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.APP);
    }
    aliveFilter.observeAppSessions(apps);
  }

  /** The newsletter, on its days, opened with probability {@code open}. */
  private void newsletter(int d, SplittableRandom rng, double open) {
    if (!calendar.isNewsletterDay(d)) {
      return;
    }
    boolean opened = rng.nextDouble() < open;
    if (opened) {
      day.add(
          6 * 3600 + rng.nextInt(16 * 3600),
          EventType.EMAIL_OPEN,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.NONE,
          DayEvents.EMAIL);
    }
    aliveFilter.observeOpen(opened);
  }

  /** Each offer sent today viewed (and its email opened) with probability {@code open}. */
  private void offerViews(SplittableRandom rng, double open) {
    for (int i = 0; i < state.sentCount; i++) {
      int o = state.sentToday[i];
      boolean opened = rng.nextDouble() < open;
      if (opened) {
        int sec = ProgrammeState.OFFER_SEND_SECOND + 60 * o + 600 + rng.nextInt(10 * 3600);
        int cat = offers.get(o).category();
        if (sendChannel[o] == DayEvents.EMAIL) {
          day.add(
              sec,
              EventType.EMAIL_OPEN,
              DayEvents.NONE,
              DayEvents.NONE,
              DayEvents.NONE,
              o,
              DayEvents.EMAIL);
        }
        day.add(
            sec, EventType.OFFER_VIEWED, DayEvents.NONE, DayEvents.NONE, cat, o, sendChannel[o]);
      }
      aliveFilter.observeOpen(opened);
    }
  }

  /** The truth row of a cutoff day: the oracle's churn probability at its end. */
  private void writeChurnTruth(GeneratorBlock out, int d) {
    double p =
        oracle.churnProbability(aliveFilter.deadOdds(), state, d, this, config.horizonDays());
    out.truth
        .bytes(customerId)
        .comma()
        .bytes(cutoffDates[nextCutoff])
        .comma()
        .fixed(p, 6)
        .comma()
        .number(config.horizonDays())
        .newline();
    out.truthRows++;
  }

  /**
   * The truth and logging-policy rows of the offers sent today: P(redeem) before today's
   * observations ({@link OfferTruth}) and the campaign's send share, the probability with which the
   * campaign chose this eligible member. Draws nothing from the member's streams.
   */
  private void writeOfferTruth(GeneratorBlock out, int d, double aliveProbability) {
    double pointsPerPurchase =
        Math.exp(traits.basketLogMedian + traits.basketSigma * traits.basketSigma / 2)
            * (state.tier >= 2 ? 2 : 1);
    for (int i = 0; i < state.sentCount; i++) {
      int o = state.sentToday[i];
      Campaign offer = offers.get(o);
      double p =
          offerTruth.redeemProbability(o, d, state, aliveProbability, pointsPerPurchase, this);
      out.offerTruth
          .bytes(customerId)
          .comma()
          .bytes(offers.idBytes(o))
          .comma()
          .bytes(calendar.date(d))
          .comma()
          .fixed(p, 6)
          .newline();
      int sec = ProgrammeState.OFFER_SEND_SECOND + 60 * o;
      out.impressions
          .text("campaign-")
          .bytes(offers.idBytes(o))
          .ch('-')
          .bytes(customerId)
          .comma()
          .bytes(customerId)
          .comma()
          .bytes(offers.idBytes(o))
          .comma();
      DayEvents.timestamp(out.impressions, calendar, d, sec, calendar.berlinOffset(d, sec));
      out.impressions.comma().fixed(offer.sendShare(), 6).comma().text(IMPRESSION_POLICY).newline();
    }
  }

  /** One purchase with its points, offer redemption and maybe a later return; returns its second. */
  private int purchase(int d, SplittableRandom rng, LatentTraits t) {
    int sec = 7 * 3600 + rng.nextInt(13 * 3600);
    int channel = rng.nextDouble() < 0.75 ? t.channel : rng.nextInt(3);
    int category = Draws.pick(rng, t.categoryCumulative);
    long cents =
        Math.max(
            100,
            Math.round(Math.exp(t.basketLogMedian + t.basketSigma * rng.nextGaussian()) * 100));
    int redeemed = DayEvents.NONE;
    int slot = state.bestActive();
    if (slot >= 0) {
      int o = state.active[slot];
      Campaign offer = offers.get(o);
      if (rng.nextDouble() < redeemProbability[o] && state.balance >= offer.pointsCost()) {
        redeemed = o;
        state.removeActive(slot);
        if (offer.category() >= 0) {
          category = offer.category();
        }
      }
    }
    day.add(sec, EventType.PURCHASE, cents, DayEvents.NONE, category, DayEvents.NONE, channel);
    if (config.purchasesOnly()) {
      // No programme: no tier spend, no points (so no expiry, redemption or downgrade hazard).
      if (rng.nextDouble() < RETURN_RATE) {
        state.scheduleReturn(
            d + 1 + rng.nextInt(14), 9 * 3600 + rng.nextInt(9 * 3600), cents, category, channel);
      }
      return sec;
    }
    state.addSpend(d, cents);
    long points = cents / 100 * (state.tier >= 2 ? 2 : 1);
    if (points > 0) {
      state.earn(d, points);
      day.add(
          sec,
          EventType.POINTS_EARNED,
          DayEvents.NONE,
          points,
          DayEvents.NONE,
          DayEvents.NONE,
          channel);
    }
    if (redeemed >= 0) {
      Campaign offer = offers.get(redeemed);
      day.add(
          sec,
          EventType.OFFER_REDEEMED,
          offer.valueCents(),
          DayEvents.NONE,
          offer.category(),
          redeemed,
          channel);
      if (offer.kind() == OfferKind.BONUS_POINTS) {
        state.earn(d, offer.valueCents());
        day.add(
            sec,
            EventType.POINTS_EARNED,
            DayEvents.NONE,
            offer.valueCents(),
            DayEvents.NONE,
            redeemed,
            channel);
      }
      if (offer.pointsCost() > 0) {
        state.redeem(d, offer.pointsCost());
        day.add(
            sec,
            EventType.POINTS_REDEEMED,
            offer.pointsCost(),
            offer.pointsCost(),
            DayEvents.NONE,
            redeemed,
            channel);
      }
    }
    if (rng.nextDouble() < RETURN_RATE) {
      state.scheduleReturn(
          d + 1 + rng.nextInt(14), 9 * 3600 + rng.nextInt(9 * 3600), cents, category, channel);
    }
    return sec;
  }

  /**
   * Per-member lookups: seasonal no-purchase probabilities, survival, and offer reactions; a member of
   * the control group is targeted by no campaign.
   */
  private void prepare(LatentTraits t, SplittableRandom targeting, boolean heldOut) {
    for (int i = 0; i < survival.length; i++) {
      survival[i] = Math.exp(-t.mu * ProgrammeState.HAZARD_MULTIPLIER[i]);
    }
    for (Campaign o : offers.offers()) {
      int i = o.index();
      // Targeting is drawn from its own stream, independent of behaviour, as a campaign tool would.
      // The draw is made for held-out members too, so the group changes nobody else's stream.
      targeted[i] = targeting.nextDouble() < o.sendShare() && !heldOut;
      double a = t.affinity(o);
      offerBoost[i] = 1 + OFFER_LIFT * a;
      redeemProbability[i] = Math.min(0.85, OFFER_REDEEM_PER_AFFINITY * a);
      sendChannel[i] =
          o.viaApp() && (t.channel == DayEvents.APP || !o.viaEmail())
              ? DayEvents.APP
              : DayEvents.EMAIL;
    }
  }

  static byte[] customerId(int index) {
    return new CsvOut(16).ch('c').padded(index + 1L, 7).toString().getBytes();
  }

  private void writeCustomer(CsvOut out, byte[] id, LatentTraits t) {
    out.bytes(id)
        .comma()
        .text(LocalDate.ofEpochDay(t.signupDay).toString())
        .comma()
        .text(TierLadder.name(state.tier))
        .comma();
    if (t.birthKnown) {
      out.text(LocalDate.ofEpochDay(t.birthDay).toString());
    }
    out.comma()
        .text(LatentTraits.SEGMENTS[t.segment])
        .comma()
        .text(LatentTraits.CHANNELS[t.channel])
        .comma()
        .text(t.consent ? "true" : "false")
        .newline();
  }

  private void writeLatent(CsvOut out, byte[] id, LatentTraits t, int deathDay) {
    out.bytes(id)
        .comma()
        .fixed(t.lambda, 6)
        .comma()
        .fixed(t.mu, 7)
        .comma()
        .fixed(t.eta, 6)
        .comma()
        .fixed(t.openProbability, 4)
        .comma()
        .fixed(t.valueSensitivity, 4)
        .comma()
        .fixed(t.redeemPropensity, 4)
        .comma()
        .fixed(Math.exp(t.basketLogMedian), 2)
        .comma();
    if (deathDay != ProgrammeState.NONE && deathDay <= config.endDay()) {
      out.text(LocalDate.ofEpochDay(deathDay).toString());
    }
    out.newline();
  }

  static final String CUSTOMERS_HEADER =
      "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent";
  static final String EVENTS_HEADER =
      "event_id,customer_id,ts,type,amount,points,category,offer_id,channel";
  static final String TRUTH_HEADER = "customer_id,cutoff,churn_probability,horizon_days";

  /** The plain shop export of {@link GeneratorConfig#purchasesOnly()}: returns are negative. */
  static final String ORDERS_HEADER = "order_id,customer_id,ordered_at,amount,category,channel";

  static final String OFFER_TRUTH_HEADER = "customer_id,offer_id,sent_day,p_redeem";
  static final String IMPRESSIONS_HEADER = "ranking_id,customer_id,offer_id,ts,propensity,policy";

  /** The {@code policy} of generated impressions: campaigns sent to a random share of eligible members. */
  static final String IMPRESSION_POLICY = "campaign";

  static final String LATENT_HEADER =
      "customer_id,lambda,mu,eta,open_probability,"
          + "value_sensitivity,redeem_propensity,basket_median,death_date";
}
