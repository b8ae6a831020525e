package dev.treue.training.clv;

import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code params.json}: a lifetime fit as people and programs read it. It is
 * {@link LifetimeParameters}'s form (so it reads back as a model) with each fit's log-likelihood,
 * standard errors, convergence and member count added:
 * {@code bgnbd: {r, alpha, a, b, log_likelihood, standard_errors: {...}, converged, members}},
 * {@code gamma_gamma: {p, q, v, log_likelihood, standard_errors: {...}, converged, members}}.
 */
public final class ClvParameters {
  /** The file name inside a version folder. */
  public static final String FILE = "params.json";

  private ClvParameters() {}

  /** The fit as nested maps, ready for Jackson. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(LifetimeFit fit) {
    Map<String, Object> out = LifetimeParameters.toMap(fit.model());
    BgNbdFit purchases = fit.purchases();
    Map<String, Object> bg = (Map<String, Object>) out.get("bgnbd");
    bg.put("log_likelihood", purchases.logLikelihood());
    bg.put("standard_errors", errors(List.of("r", "alpha", "a", "b"), purchases.standardErrors()));
    bg.put("converged", purchases.converged());
    bg.put("members", purchases.members());
    GammaGammaFit spend = fit.spend();
    Map<String, Object> gg = (Map<String, Object>) out.get("gamma_gamma");
    gg.put("log_likelihood", spend.logLikelihood());
    gg.put("standard_errors", errors(List.of("p", "q", "v"), spend.standardErrors()));
    gg.put("converged", spend.converged());
    gg.put("members", spend.members());
    return out;
  }

  /** Named standard errors; null values when the observed information gave none. */
  private static Map<String, Object> errors(List<String> names, double[] values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), Double.isNaN(values[i]) ? null : values[i]);
    }
    return out;
  }
}
