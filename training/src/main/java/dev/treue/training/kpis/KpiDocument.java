package dev.treue.training.kpis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.i18n.Language;
import dev.treue.core.kpi.Kpi;
import dev.treue.core.kpi.KpiCsv;
import dev.treue.core.offers.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KPI document ({@code kpis.json}, the tenant's document in Redis) and {@code kpis.csv}, from the sums of
 * {@link MemberKpis}. The JSON's top-level {@code periods} and {@code overall} are for all members; {@code
 * breakdowns} holds the same for each {@code tier}, each {@code segment} and each {@code tier_segment} (key
 * {@code tier|segment}). Money is written as numbers rounded to cents through {@link BigDecimal}, shares and rates
 * to four decimals; a KPI without a denominator (or without a model) is null.
 */
final class KpiDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the document says about its run.
   *
   * @param modelVersion the churn model version behind the model figures, or null
   */
  record Header(
      String tenant,
      LocalDate asOf,
      String granularity,
      String currency,
      Instant computedAt,
      String modelVersion,
      int activeDays,
      int horizonDays) {}

  private final Header header;
  private final List<KpiWindow> windows;
  private final Map<String, KpiCounts> sums;

  KpiDocument(Header header, List<KpiWindow> windows, Map<String, KpiCounts> sums) {
    this.header = header;
    this.windows = List.copyOf(windows);
    this.sums = Map.copyOf(sums);
  }

  /** The document as a JSON tree of maps and lists. */
  Map<String, Object> tree() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tenant", header.tenant());
    doc.put("as_of", header.asOf().toString());
    doc.put("granularity", header.granularity());
    doc.put("currency", header.currency());
    doc.put("computed_at", header.computedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    doc.put("model_version", header.modelVersion());
    doc.put("active_days", header.activeDays());
    doc.put("horizon_days", header.horizonDays());
    doc.put("definitions", definitions());
    doc.putAll(breakdown("all"));
    Map<String, Object> breakdowns = new LinkedHashMap<>();
    for (String dimension : List.of("tier", "segment", "tier_segment")) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String key : breakdownKeys(dimension)) {
        values.put(label(key), breakdown(key));
      }
      breakdowns.put(dimension, values);
    }
    doc.put("breakdowns", breakdowns);
    doc.put("cohorts", cohorts());
    doc.put("risk_distribution", riskDistribution());
    return doc;
  }

  /** The document as JSON text. */
  String json() {
    try {
      return JSON.writeValueAsString(tree());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the KPI document", e);
    }
  }

  /**
   * {@code kpis.csv} in {@code language}: one row per breakdown and window ({@code overall} last),
   * the columns and cells of the service's KPI CSV ({@link KpiCsv}); empty where the JSON has null.
   */
  String csv(Language language) {
    StringBuilder b = new StringBuilder(KpiCsv.start(language));
    b.append(KpiCsv.header(language)).append('\n');
    List<String> keys = new ArrayList<>(List.of("all"));
    for (String dimension : List.of("tier", "segment", "tier_segment")) {
      keys.addAll(breakdownKeys(dimension));
    }
    for (String key : keys) {
      for (int w = 0; w < windows.size(); w++) {
        KpiWindow window = windows.get(w);
        KpiCsv.Row row =
            new KpiCsv.Row(
                part(key, "tier="),
                part(key, "segment="),
                window.label(),
                window.start().toString(),
                window.end().toString(),
                window.complete(),
                kpis(sums.get(MemberKpis.key(w, key)), window));
        b.append(KpiCsv.line(language, row)).append('\n');
      }
    }
    return b.toString();
  }

  private static Map<String, Object> definitions() {
    Map<String, Object> defs = new LinkedHashMap<>();
    for (Kpi k : Kpi.values()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", k.kind().wireName());
      d.put("en", k.english());
      d.put("de", k.german());
      defs.put(k.wireName(), d);
    }
    return defs;
  }

  /** {@code periods} and {@code overall} of one breakdown key. */
  private Map<String, Object> breakdown(String key) {
    List<Object> periods = new ArrayList<>();
    Map<String, Object> overall = null;
    for (int w = 0; w < windows.size(); w++) {
      KpiWindow window = windows.get(w);
      Map<String, Object> p = new LinkedHashMap<>();
      if (!KpiWindow.OVERALL.equals(window.label())) {
        p.put("period", window.label());
      }
      p.put("start", window.start().toString());
      p.put("end", window.end().toString());
      p.put("complete", window.complete());
      Map<String, Object> values = new LinkedHashMap<>();
      kpis(sums.get(MemberKpis.key(w, key)), window).forEach((k, v) -> values.put(k.wireName(), v));
      p.put("kpis", values);
      if (KpiWindow.OVERALL.equals(window.label())) {
        overall = p;
      } else {
        periods.add(p);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("periods", periods);
    out.put("overall", overall);
    return out;
  }

  /** The keys of one breakdown dimension present in the sums, in name order. */
  private TreeSet<String> breakdownKeys(String dimension) {
    TreeSet<String> keys = new TreeSet<>();
    for (String key : sums.keySet()) {
      String breakdown = key.substring(key.indexOf('\t') + 1);
      if (key.startsWith("cohort\t") || key.startsWith(MemberKpis.RISK)) {
        continue;
      }
      boolean tier = breakdown.startsWith("tier=");
      boolean both = breakdown.contains("&");
      boolean matches =
          switch (dimension) {
            case "tier" -> tier && !both;
            case "segment" -> breakdown.startsWith("segment=");
            default -> both;
          };
      if (matches) {
        keys.add(breakdown);
      }
    }
    return keys;
  }

  /** {@code tier=gold} gives {@code gold}, {@code tier=gold&segment=x} gives {@code gold|x}. */
  private static String label(String key) {
    String tier = part(key, "tier=");
    String segment = part(key, "segment=");
    return tier != null && segment != null ? tier + "|" + segment : tier != null ? tier : segment;
  }

  private static String part(String key, String name) {
    for (String p : key.split("&", -1)) {
      if (p.startsWith(name)) {
        return p.substring(name.length());
      }
    }
    return null;
  }

  private List<Object> cohorts() {
    Map<String, KpiCounts> byMonth = new TreeMap<>();
    sums.forEach(
        (key, c) -> {
          if (key.startsWith("cohort\t")) {
            byMonth.put(key.substring("cohort\t".length()), c);
          }
        });
    List<Object> out = new ArrayList<>();
    byMonth.forEach(
        (month, c) -> {
          List<Object> curve = new ArrayList<>();
          for (long buyers : c.cohortBuyers) {
            curve.add(share(buyers, c.cohortSize));
          }
          Map<String, Object> cohort = new LinkedHashMap<>();
          cohort.put("cohort", month);
          cohort.put("size", c.cohortSize);
          cohort.put("retention", curve);
          out.add(cohort);
        });
    return out;
  }

  /**
   * The active members scored at the as-of day by risk band and tier ({@code by_tier}) and by risk band and
   * segment ({@code by_segment}): each cell's {@code members} and {@code value_at_risk} (rounded to cents), bands
   * high to low, then names in order; empty without a churn model.
   */
  private Map<String, Object> riskDistribution() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", header.asOf().toString());
    for (String dimension : List.of("tier", "segment")) {
      List<Object> cells = new ArrayList<>();
      for (String band : List.of("high", "medium", "low")) {
        TreeMap<String, KpiCounts> byName = new TreeMap<>();
        String prefix = MemberKpis.riskKey(band, dimension + "=");
        sums.forEach(
            (key, c) -> {
              if (key.startsWith(prefix)) {
                byName.put(key.substring(prefix.length()), c);
              }
            });
        byName.forEach(
            (name, c) -> {
              Map<String, Object> cell = new LinkedHashMap<>();
              cell.put("risk_band", band);
              cell.put(dimension, name);
              cell.put("members", c.scoredAtEnd);
              cell.put("value_at_risk", money(c.valueAtRiskSum));
              cells.add(cell);
            });
      }
      out.put("by_" + dimension, cells);
    }
    return out;
  }

  /** The KPIs of one window's sums (none summed: every member-based figure 0 or null). */
  static Map<Kpi, Object> kpis(KpiCounts c, KpiWindow window) {
    KpiCounts s = c == null ? new KpiCounts() : c;
    Map<Kpi, Object> v = new EnumMap<>(Kpi.class);
    v.put(Kpi.ACTIVE_MEMBERS, s.activeAtEnd);
    v.put(Kpi.NEW_MEMBERS, s.newMembers);
    v.put(Kpi.RETENTION_RATE, share(s.retained, s.activeAtStart));
    v.put(Kpi.REALIZED_CHURN_RATE, window.complete() ? share(s.churned, s.activeAtStart) : null);
    v.put(
        Kpi.PREDICTED_CHURN_RATE,
        s.scoredAtStart == 0 ? null : round(s.probabilitySumAtStart / s.scoredAtStart, 4));
    v.put(Kpi.REPEAT_PURCHASE_RATE, share(s.repeatBuyers, s.buyers));
    v.put(Kpi.PURCHASE_FREQUENCY, share(s.purchases, s.buyers));
    v.put(
        Kpi.AVERAGE_ORDER_VALUE,
        s.purchases == 0
            ? null
            : BigDecimal.valueOf(s.purchaseCents)
                .divide(BigDecimal.valueOf(s.purchases * 100), 2, RoundingMode.HALF_UP));
    v.put(Kpi.AVERAGE_CLV, s.valuedAtEnd == 0 ? null : money(s.clvSum / s.valuedAtEnd));
    v.put(Kpi.TOTAL_CLV, s.valuedAtEnd == 0 ? null : money(s.clvSum));
    v.put(Kpi.VALUE_AT_RISK, s.scoredAtEnd == 0 ? null : money(s.valueAtRiskSum));
    v.put(Kpi.OFFER_REDEMPTION_RATE, share(s.offersRedeemed, s.offersSent));
    v.put(Kpi.POINTS_EARNED, s.pointsEarned);
    v.put(Kpi.POINTS_REDEEMED, s.pointsRedeemed);
    v.put(Kpi.POINTS_EXPIRED, s.pointsExpired);
    v.put(Kpi.POINTS_REDEMPTION_RATE, share(s.pointsRedeemed, s.pointsEarned));
    v.put(Kpi.POINTS_LIABILITY, s.pointsOutstanding);
    v.put(Kpi.ENGAGEMENT_RATE, share(s.engaged, s.activeAtEnd));
    for (Kpi k : Kpi.values()) {
      if (!v.containsKey(k)) {
        throw new IllegalStateException("KPI " + k.wireName() + " is not computed");
      }
    }
    return v;
  }

  private static BigDecimal share(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  private static BigDecimal round(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
  }

  private static BigDecimal money(double value) {
    return Money.roundedToCents(value);
  }
}
