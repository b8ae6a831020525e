package dev.treue.training.uplift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./treue uplift} prints and writes ({@code uplift.json}): the arms, each metric's difference with
 * its interval, the effect per contacted member, a verdict in words, and the warnings.
 *
 * @param from the period's first day
 * @param to the period's last day
 * @param horizonDays the outcome window runs this many days past {@code to}
 * @param holdout the control group's share and salt
 * @param estimate the comparison
 * @param lastEventDay the last day the events describe, or null without events
 * @param triggers per trigger kind asked for, its members who fired it in the period compared (outcomes in
 *     the {@code horizonDays} after each member's first firing); empty when no kind was asked for
 */
public record UpliftReport(
    LocalDate from,
    LocalDate to,
    int horizonDays,
    Holdout holdout,
    UpliftEstimate estimate,
    LocalDate lastEventDay,
    Map<TriggerKind, UpliftEstimate> triggers) {

  /** A report without a per-trigger comparison. */
  public UpliftReport(
      LocalDate from,
      LocalDate to,
      int horizonDays,
      Holdout holdout,
      UpliftEstimate estimate,
      LocalDate lastEventDay) {
    this(from, to, horizonDays, holdout, estimate, lastEventDay, Map.of());
  }

  /** Copies the kinds in their order. */
  public UpliftReport {
    triggers = Collections.unmodifiableMap(new LinkedHashMap<>(triggers));
  }

  /** The last day of the outcome window. */
  public LocalDate outcomeEnd() {
    return to.plusDays(horizonDays);
  }

  /** The estimate's warnings, and one when the data ends before the outcome window does. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>(estimate.warnings());
    if (lastEventDay != null && lastEventDay.isBefore(outcomeEnd())) {
      out.add(
          "the events end on "
              + lastEventDay
              + ", before the outcome window does ("
              + outcomeEnd()
              + "): both arms are counted over the shorter window");
    }
    return out;
  }

  /** The report as text. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "uplift: contacts from %s to %s, outcomes from %s to %s (horizon %d days)%n"
                + "control group: share %s, salt \"%s\"%n%n",
            from,
            to,
            from,
            outcomeEnd(),
            horizonDays,
            holdout.share(),
            holdout.salt()));
    b.append(String.format(Locale.ROOT, "  %-10s %9s %10s%n", "arm", "members", "contacted"));
    arm(b, "treated", estimate.treated());
    arm(b, "held out", estimate.heldOut());
    b.append(
        String.format(
            Locale.ROOT,
            "%n  %-10s %9s %9s  %-30s %-30s %s%n",
            "metric",
            "treated",
            "held out",
            "difference [95% interval]",
            "per contact [95% interval]",
            "verdict"));
    for (UpliftEstimate.Comparison c : estimate.comparisons()) {
      boolean pts = c.name().equals("retention");
      b.append(
          String.format(
              Locale.ROOT,
              "  %-10s %9s %9s  %-30s %-30s %s%n",
              c.name(),
              level(c.treated(), pts),
              level(c.heldOut(), pts),
              interval(c.difference(), c.low(), c.high(), pts),
              interval(c.perContact(), c.perContactLow(), c.perContactHigh(), pts),
              c.verdict().words()));
    }
    for (String w : warnings()) {
      b.append("\nnote: ").append(w);
    }
    b.append('\n');
    if (!triggers.isEmpty()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%nper trigger: members who fired it from %s to %s, outcomes in the %d days after the firing%n",
              from,
              to,
              horizonDays));
      b.append(
          String.format(
              Locale.ROOT,
              "  %-24s %9s %9s  %-10s %-30s %s%n",
              "trigger",
              "treated",
              "held out",
              "metric",
              "difference [95% interval]",
              "verdict"));
      for (Map.Entry<TriggerKind, UpliftEstimate> t : triggers.entrySet()) {
        UpliftEstimate e = t.getValue();
        boolean first = true;
        for (UpliftEstimate.Comparison c : e.comparisons()) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "  %-24s %9s %9s  %-10s %-30s %s%n",
                  first ? t.getKey().wireName() : "",
                  first ? String.valueOf(e.treated().members()) : "",
                  first ? String.valueOf(e.heldOut().members()) : "",
                  c.name(),
                  interval(c.difference(), c.low(), c.high(), c.name().equals("retention")),
                  c.verdict().words()));
          first = false;
        }
      }
    }
    return b.toString();
  }

  /** The report as JSON. */
  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("from", from.toString());
    root.put("to", to.toString());
    root.put("outcome_end", outcomeEnd().toString());
    root.put("horizon_days", horizonDays);
    root.put("holdout_share", holdout.share());
    root.put("salt", holdout.salt());
    root.set("treated", arm(mapper, estimate.treated()));
    root.set("held_out", arm(mapper, estimate.heldOut()));
    root.set("metrics", metrics(mapper, estimate));
    ArrayNode notes = root.putArray("warnings");
    warnings().forEach(notes::add);
    ArrayNode kinds = root.putArray("triggers");
    for (Map.Entry<TriggerKind, UpliftEstimate> t : triggers.entrySet()) {
      ObjectNode k = kinds.addObject();
      k.put("trigger", t.getKey().wireName());
      k.set("treated", arm(mapper, t.getValue().treated()));
      k.set("held_out", arm(mapper, t.getValue().heldOut()));
      k.set("metrics", metrics(mapper, t.getValue()));
      ArrayNode kindNotes = k.putArray("warnings");
      t.getValue().warnings().forEach(kindNotes::add);
    }
    return root;
  }

  private static ArrayNode metrics(ObjectMapper mapper, UpliftEstimate estimate) {
    ArrayNode metrics = mapper.createArrayNode();
    for (UpliftEstimate.Comparison c : estimate.comparisons()) {
      ObjectNode m = metrics.addObject();
      m.put("metric", c.name());
      number(m, "treated", c.treated());
      number(m, "held_out", c.heldOut());
      number(m, "difference", c.difference());
      number(m, "low", c.low());
      number(m, "high", c.high());
      number(m, "per_contact", c.perContact());
      number(m, "per_contact_low", c.perContactLow());
      number(m, "per_contact_high", c.perContactHigh());
      m.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
      m.put("verdict_words", c.verdict().words());
    }
    return metrics;
  }

  private static ObjectNode arm(ObjectMapper mapper, Arm a) {
    ObjectNode o = mapper.createObjectNode();
    o.put("members", a.members());
    o.put("contacted", a.contacted());
    o.put("retained", a.retained());
    o.put("purchases", a.purchases());
    // Money to the cent: the total is a sum of doubles (amounts are whole cents, so rounding
    // restores the exact figure), not "2683466.200000018".
    o.put("spend", BigDecimal.valueOf(a.spend()).setScale(2, RoundingMode.HALF_UP));
    return o;
  }

  private static void number(ObjectNode o, String field, double value) {
    if (Double.isFinite(value)) {
      o.put(field, value);
    } else {
      o.putNull(field);
    }
  }

  private static void arm(StringBuilder b, String name, Arm a) {
    b.append(
        String.format(
            Locale.ROOT, "  %-10s %9d %9.1f%%%n", name, a.members(), 100 * a.contactShare()));
  }

  private static String level(double v, boolean share) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    return share
        ? String.format(Locale.ROOT, "%.1f%%", 100 * v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String interval(double v, double low, double high, boolean share) {
    if (!Double.isFinite(v) || !Double.isFinite(low)) {
      return "-";
    }
    double k = share ? 100 : 1;
    String unit = share ? " pts" : "";
    return String.format(Locale.ROOT, "%+.2f%s [%+.2f, %+.2f]", k * v, unit, k * low, k * high);
  }
}
