package dev.treue.training.offers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Offer exposures in the driver, column-wise, for Tribuo and the evaluation.
 *
 * @param customerIds the member of each exposure
 * @param offerIds the offer sent
 * @param sentDays UTC epoch day of the send
 * @param validToDays the offer's last valid day
 * @param features offer feature vectors ({@code OfferFeatures.spec()} order)
 * @param redeemed the label
 * @param lastRedeemedKinds kind of the member's last redeemed offer before the send, or null
 * @param propensities logging propensity, NaN when no impression matched
 */
record Exposures(
    String[] customerIds,
    String[] offerIds,
    int[] sentDays,
    int[] validToDays,
    double[][] features,
    boolean[] redeemed,
    String[] lastRedeemedKinds,
    double[] propensities) {

  int size() {
    return customerIds.length;
  }

  /** Share redeemed. */
  double redemptionRate() {
    int n = 0;
    for (boolean r : redeemed) {
      n += r ? 1 : 0;
    }
    return size() == 0 ? Double.NaN : n / (double) size();
  }

  /** The exposures whose index passes {@code keep}, in order. */
  Exposures where(IntPredicate keep) {
    int n = 0;
    for (int i = 0; i < size(); i++) {
      n += keep.test(i) ? 1 : 0;
    }
    Exposures out =
        new Exposures(
            new String[n],
            new String[n],
            new int[n],
            new int[n],
            new double[n][],
            new boolean[n],
            new String[n],
            new double[n]);
    for (int i = 0, k = 0; i < size(); i++) {
      if (keep.test(i)) {
        out.customerIds[k] = customerIds[i];
        out.offerIds[k] = offerIds[i];
        out.sentDays[k] = sentDays[i];
        out.validToDays[k] = validToDays[i];
        out.features[k] = features[i];
        out.redeemed[k] = redeemed[i];
        out.lastRedeemedKinds[k] = lastRedeemedKinds[i];
        out.propensities[k] = propensities[i];
        k++;
      }
    }
    return out;
  }

  /**
   * Training weights: 1 / logging propensity, normalised to mean 1 and clipped at {@code maxWeight}
   * (a handful of rarely logged exposures must not dominate the fit). Exposures without a
   * propensity weigh as the mean. All 1 when none has a propensity.
   */
  double[] weights(double maxWeight) {
    double[] w = new double[size()];
    double sum = 0;
    int known = 0;
    for (int i = 0; i < w.length; i++) {
      if (!Double.isNaN(propensities[i])) {
        w[i] = 1 / propensities[i];
        sum += w[i];
        known++;
      }
    }
    if (known == 0) {
      java.util.Arrays.fill(w, 1);
      return w;
    }
    double mean = sum / known;
    for (int i = 0; i < w.length; i++) {
      w[i] = Double.isNaN(propensities[i]) ? 1 : Math.min(maxWeight, w[i] / mean);
    }
    return w;
  }

  /** Streams exposure rows (with a propensity column) from Spark into the driver. */
  static Exposures collect(Dataset<Row> rows) {
    List<String> customers = new ArrayList<>();
    List<String> offers = new ArrayList<>();
    List<Integer> sent = new ArrayList<>();
    List<Integer> validTo = new ArrayList<>();
    List<double[]> features = new ArrayList<>();
    List<Boolean> redeemed = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Double> propensity = new ArrayList<>();
    // Sorted so that every run sees the same rows in the same order (training is then repeatable).
    Iterator<Row> it =
        rows.orderBy(
                ExposureSchema.SENT_MILLIS, ExposureSchema.CUSTOMER_ID, ExposureSchema.OFFER_ID)
            .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      customers.add(r.getAs(ExposureSchema.CUSTOMER_ID));
      offers.add(r.getAs(ExposureSchema.OFFER_ID));
      sent.add(r.getAs(ExposureSchema.SENT_DAY));
      validTo.add(r.getAs(ExposureSchema.VALID_TO_DAY));
      List<Double> f = r.getList(r.fieldIndex(ExposureSchema.FEATURES));
      double[] v = new double[f.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = f.get(j);
      }
      features.add(v);
      redeemed.add(r.<Integer>getAs(ExposureSchema.REDEEMED) == 1);
      kinds.add(r.getAs(ExposureSchema.LAST_REDEEMED_KIND));
      Double p = r.getAs(ExposureSchema.PROPENSITY);
      propensity.add(p == null ? Double.NaN : p);
    }
    int n = customers.size();
    boolean[] labels = new boolean[n];
    double[] props = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = redeemed.get(i);
      props[i] = propensity.get(i);
    }
    return new Exposures(
        customers.toArray(new String[0]),
        offers.toArray(new String[0]),
        sent.stream().mapToInt(Integer::intValue).toArray(),
        validTo.stream().mapToInt(Integer::intValue).toArray(),
        features.toArray(new double[0][]),
        labels,
        kinds.toArray(new String[0]),
        props);
  }
}
