package dev.treue.training.uplift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.core.trigger.Holdout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 */
public record UpliftReport(
    LocalDate from,
    LocalDate to,
    int horizonDays,
    Holdout holdout,
    UpliftEstimate estimate,
    LocalDate lastEventDay) {

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
    return b.append('\n').toString();
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
    ArrayNode metrics = root.putArray("metrics");
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
    }
    ArrayNode notes = root.putArray("warnings");
    warnings().forEach(notes::add);
    return root;
  }

  private static ObjectNode arm(ObjectMapper mapper, Arm a) {
    ObjectNode o = mapper.createObjectNode();
    o.put("members", a.members());
    o.put("contacted", a.contacted());
    o.put("retained", a.retained());
    o.put("purchases", a.purchases());
    o.put("spend", a.spend());
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
