package dev.treue.training.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well the win-back list and simple rules find the lapsed members who come back: every scorer
 * ranks the same lapsed validation rows, labelled by a purchase within the horizon (higher score =
 * more likely to return), so the ranking metrics of {@link ScorerEvaluation} read as "finds
 * returners".
 *
 * @param n lapsed validation rows
 * @param returnRate share of them who purchased again within the horizon; NaN without rows
 * @param scorers the win-back figures and the rules, in display order, each on the same rows
 */
public record WinBackEvaluation(long n, double returnRate, List<ScorerEvaluation> scorers) {

  /** Name of the scorer the win-back list ranks by. */
  public static final String LIST_SCORER = "win_back_value";

  /** Copies the scorers and checks they all saw the {@code n} rows. */
  public WinBackEvaluation {
    scorers = List.copyOf(scorers);
    for (ScorerEvaluation s : scorers) {
      if (s.metrics().n() != n) {
        throw new IllegalArgumentException(
            "win-back scorer "
                + Objects.requireNonNull(s.name())
                + " was evaluated on "
                + s.metrics().n()
                + " rows, expected the "
                + n
                + " lapsed rows");
      }
    }
  }

  /**
   * The {@code metrics.json} entry {@code win_back}: {@code n}, {@code return_rate}, and per scorer
   * {@code auc}, {@code lift_top_decile} and {@code top_decile_return_rate} (the return rate among
   * the top tenth of the ranking). NaN is null.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> auc = new LinkedHashMap<>();
    Map<String, Object> lift = new LinkedHashMap<>();
    Map<String, Object> topRate = new LinkedHashMap<>();
    for (ScorerEvaluation s : scorers) {
      auc.put(s.name(), ReportJson.number(s.metrics().auc()));
      lift.put(s.name(), ReportJson.number(s.metrics().liftTopDecile()));
      topRate.put(s.name(), ReportJson.number(topDecileReturnRate(s)));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", n);
    map.put("return_rate", ReportJson.number(returnRate));
    map.put("auc", auc);
    map.put("lift_top_decile", lift);
    map.put("top_decile_return_rate", topRate);
    return map;
  }

  /** The return rate among the top tenth of a scorer's ranking: lift times the overall rate. */
  public double topDecileReturnRate(ScorerEvaluation s) {
    return s.metrics().liftTopDecile() * returnRate;
  }

  /** The scorer with the highest AUC, or null without rows of both kinds. */
  public ScorerEvaluation best() {
    ScorerEvaluation best = null;
    for (ScorerEvaluation s : scorers) {
      if (Double.isFinite(s.metrics().auc())
          && (best == null || s.metrics().auc() > best.metrics().auc())) {
        best = s;
      }
    }
    return best;
  }
}
