package dev.treue.training.uplift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Treated against held out. The arms are compared as assigned (intention to treat): every member outside the
 * control group against every member in it, whether or not a contact reached them, so nothing the contact
 * selection did biases the comparison. Each metric's difference of means (retention is a mean of 0/1) gets a
 * normal-approximation interval, {@code diff +- z * sqrt(var_t / n_t + var_c / n_c)} with sample variances.
 *
 * <p>The effect of one contact on a contacted member divides that difference by the difference in contact
 * shares ({@code c_t - c_c}; the Wald, or Bloom, estimator: held-out members are not contacted, so it is
 * usually {@code c_t}). Its interval divides the same way, treating the shares as known, which is close when
 * the arms are large.
 *
 * @param treated members outside the control group
 * @param heldOut members in the control group
 * @param z the normal quantile of the interval (1.96 for 95%)
 */
public record UpliftEstimate(Arm treated, Arm heldOut, double z) {
  /** Fewer members than this in an arm: too small to tell anything. */
  public static final long MIN_MEMBERS = 30;

  /** Fewer than this many members on either side of 0/1 in an arm: the normal interval of a share is off. */
  public static final long MIN_PER_OUTCOME = 5;

  /** Below this contact-share difference the per-contact effect is not estimated (it would divide by ~0). */
  public static final double MIN_CONTACT_GAP = 0.02;

  /** 95% intervals. */
  public static final double Z95 = 1.959963984540054;

  /** What an interval says. */
  public enum Verdict {
    /** An arm is too small (or has too few members of one retention outcome) for the interval to mean anything. */
    TOO_SMALL("too small to tell"),
    /** The interval lies above 0. */
    HIGHER("treated higher"),
    /** The interval lies below 0. */
    LOWER("treated lower"),
    /** The interval holds 0: no difference could be told apart from chance. */
    NO_DIFFERENCE("no difference detected");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    /** The verdict in words. */
    public String words() {
      return words;
    }
  }

  /**
   * One metric compared.
   *
   * @param name {@code retention}, {@code purchases} or {@code spend}
   * @param treated the treated arm's mean (retention: its share)
   * @param heldOut the control group's mean
   * @param difference treated minus held out, per member assigned
   * @param low the interval's lower end
   * @param high the interval's upper end
   * @param perContact the difference per contacted member (the effect of a contact), or NaN when not estimable
   * @param perContactLow its interval's lower end, or NaN
   * @param perContactHigh its interval's upper end, or NaN
   * @param verdict what the interval says
   */
  public record Comparison(
      String name,
      double treated,
      double heldOut,
      double difference,
      double low,
      double high,
      double perContact,
      double perContactLow,
      double perContactHigh,
      Verdict verdict) {}

  /** 95% intervals. */
  public static UpliftEstimate of(Arm treated, Arm heldOut) {
    return new UpliftEstimate(treated, heldOut, Z95);
  }

  /** Retention: the share who bought at least once in the outcome window. */
  public Comparison retention() {
    boolean small =
        tooSmall()
            || Math.min(treated.retained(), treated.members() - treated.retained())
                < MIN_PER_OUTCOME
            || Math.min(heldOut.retained(), heldOut.members() - heldOut.retained())
                < MIN_PER_OUTCOME;
    return compare(
        "retention",
        treated.retained(),
        treated.retained(),
        treated.members(),
        heldOut.retained(),
        heldOut.retained(),
        heldOut.members(),
        small);
  }

  /** Purchases per member in the outcome window. */
  public Comparison purchases() {
    return compare(
        "purchases",
        treated.purchases(),
        treated.purchasesSquared(),
        treated.members(),
        heldOut.purchases(),
        heldOut.purchasesSquared(),
        heldOut.members(),
        tooSmall());
  }

  /** Spend per member in the outcome window. */
  public Comparison spend() {
    return compare(
        "spend",
        treated.spend(),
        treated.spendSquared(),
        treated.members(),
        heldOut.spend(),
        heldOut.spendSquared(),
        heldOut.members(),
        tooSmall());
  }

  /** The three comparisons. */
  public List<Comparison> comparisons() {
    return List.of(retention(), purchases(), spend());
  }

  /** True when either arm has fewer than {@link #MIN_MEMBERS} members. */
  public boolean tooSmall() {
    return Math.min(treated.members(), heldOut.members()) < MIN_MEMBERS;
  }

  /** The contact-share gap the per-contact effect divides by. */
  public double contactGap() {
    return treated.contactShare() - heldOut.contactShare();
  }

  /** Plain-language warnings about the groups (empty when there is nothing to say). */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    if (heldOut.members() == 0) {
      out.add(
          "there is no control group: nobody is held out (set --holdout-share and --salt as the service's"
              + " holdouts config)");
    } else if (tooSmall()) {
      out.add(
          String.format(
              Locale.ROOT,
              "the groups are too small to tell: %d treated and %d held out; each needs at least %d",
              treated.members(),
              heldOut.members(),
              MIN_MEMBERS));
    }
    if (heldOut.contacted() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%d held-out members (%.1f%%) were contacted: the holdout was not (fully) applied in this period, or"
                  + " share and salt differ from the service's; the per-contact effect divides by the gap",
              heldOut.contacted(),
              100 * heldOut.contactShare()));
    }
    if (treated.members() > 0 && contactGap() < MIN_CONTACT_GAP) {
      out.add(
          String.format(
              Locale.ROOT,
              "the treated were hardly contacted more than the held out (%.1f%% against %.1f%%): the effect of a"
                  + " contact cannot be estimated",
              100 * treated.contactShare(),
              100 * heldOut.contactShare()));
    }
    return out;
  }

  private Comparison compare(
      String name,
      double sumT,
      double sumSqT,
      long nT,
      double sumC,
      double sumSqC,
      long nC,
      boolean small) {
    double meanT = nT == 0 ? Double.NaN : sumT / nT;
    double meanC = nC == 0 ? Double.NaN : sumC / nC;
    double diff = meanT - meanC;
    double se = Math.sqrt(variance(sumT, sumSqT, nT) / nT + variance(sumC, sumSqC, nC) / nC);
    double low = diff - z * se;
    double high = diff + z * se;
    double gap = contactGap();
    boolean perContact = !small && gap >= MIN_CONTACT_GAP;
    Verdict verdict =
        small || Double.isNaN(se)
            ? Verdict.TOO_SMALL
            : low > 0 ? Verdict.HIGHER : high < 0 ? Verdict.LOWER : Verdict.NO_DIFFERENCE;
    return new Comparison(
        name,
        meanT,
        meanC,
        diff,
        low,
        high,
        perContact ? diff / gap : Double.NaN,
        perContact ? low / gap : Double.NaN,
        perContact ? high / gap : Double.NaN,
        verdict);
  }

  /** The sample variance from sums; NaN below two members. */
  private static double variance(double sum, double sumSquares, long n) {
    if (n < 2) {
      return Double.NaN;
    }
    double mean = sum / n;
    return Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  }
}
