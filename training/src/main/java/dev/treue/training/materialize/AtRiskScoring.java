package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.RetentionOffer;
import dev.treue.training.score.RetentionOfferPicker;
import dev.treue.training.score.RetentionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The at-risk rows of a batch of replayed members as a load writes them: churn figures for active
 * members (one batched prediction), win-back figures for lapsed ones, "not activated yet" for those
 * who never purchased, under the model's activity window; with an offers model, an active member's
 * retention offer ({@link RetentionOfferPicker}). {@code materialize} writes these rows, and {@code
 * ./treue triggers sweep} fills its firing payloads from them, so both score a member alike.
 *
 * @param model the churn model (its words phrase nothing here: rows store reasons language-neutral)
 * @param retention the offers model and its settings, or null for rows without retention offers
 * @param asOfDay the UTC epoch day the members' states cover
 * @param activeDays the model's activity window
 * @param reasonsFrom members from this churn probability up get reasons
 * @param scoredAtMillis the rows' scoring time
 */
public record AtRiskScoring(
    ChurnScorer model,
    RetentionSettings retention,
    int asOfDay,
    int activeDays,
    double reasonsFrom,
    long scoredAtMillis) {

  /** Whether a member can be scored at the as-of day: not one who joined after it. */
  public boolean listable(CustomerState s) {
    return s.signupDay() == CustomerState.NONE || s.signupDay() <= asOfDay;
  }

  /** Each member's at-risk row, null for members who joined after the as-of day. */
  public List<AtRiskEntry> rows(List<CustomerState> batch) {
    List<double[]> vectors = new ArrayList<>(batch.size());
    List<MemberStatus> statuses = new ArrayList<>(batch.size());
    List<double[]> active = new ArrayList<>();
    for (CustomerState s : batch) {
      double[] vector = listable(s) ? model.features(s, asOfDay) : null;
      MemberStatus status = vector == null ? null : MemberStatus.of(s, asOfDay, activeDays);
      vectors.add(vector);
      statuses.add(status);
      if (status == MemberStatus.ACTIVE) {
        active.add(vector);
      }
    }
    List<ChurnScore> scores = active.isEmpty() ? List.of() : model.scoreAll(active, reasonsFrom);
    RetentionOfferPicker picker = picker();
    List<AtRiskEntry> rows = new ArrayList<>(batch.size());
    int next = 0;
    for (int i = 0; i < batch.size(); i++) {
      MemberStatus status = statuses.get(i);
      if (status == null) {
        rows.add(null);
        continue;
      }
      ChurnScore score = status == MemberStatus.ACTIVE ? scores.get(next++) : null;
      AtRiskEntry row =
          AtRiskEntry.of(batch.get(i), status, score, vectors.get(i), scoredAtMillis, asOfDay);
      rows.add(
          score == null || picker == null
              ? row
              : row.withRetentionOffer(
                  picker
                      .pick(batch.get(i), score.probability())
                      .map(RetentionOffer::of)
                      .orElse(null)));
    }
    return rows;
  }

  /** The retention offer picker of these rows, or null without an offers model. */
  public RetentionOfferPicker picker() {
    return retention == null ? null : new RetentionOfferPicker(retention, asOfDay, model.words());
  }
}
