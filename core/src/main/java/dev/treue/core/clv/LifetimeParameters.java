package dev.treue.core.clv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a {@link LifetimeModel}, shared by churn bundles ({@code lifetime} in
 * bundle.json) and CLV bundles (params.json):
 * {@code {"unit_days", "bgnbd": {"r", "alpha", "a", "b"}, "gamma_gamma": {"p", "q", "v"},
 * "horizon": {"months", "annual_discount_rate"}}}. Readers ignore extra keys, so a params.json
 * that also carries log-likelihoods and standard errors reads as a model too.
 */
public final class LifetimeParameters {
  private LifetimeParameters() {}

  /** The model as nested maps, ready for Jackson. */
  public static Map<String, Object> toMap(LifetimeModel m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("unit_days", m.unitDays());
    out.put("bgnbd", bgNbd(m.purchases()));
    out.put("gamma_gamma", gammaGamma(m.spend()));
    Map<String, Object> horizon = new LinkedHashMap<>();
    horizon.put("months", m.horizon().months());
    horizon.put("annual_discount_rate", m.horizon().annualDiscountRate());
    out.put("horizon", horizon);
    return out;
  }

  /** {@code {"r", "alpha", "a", "b"}}. */
  public static Map<String, Object> bgNbd(BgNbd m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("r", m.r());
    out.put("alpha", m.alpha());
    out.put("a", m.a());
    out.put("b", m.b());
    return out;
  }

  /** {@code {"p", "q", "v"}}. */
  public static Map<String, Object> gammaGamma(GammaGamma m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("p", m.p());
    out.put("q", m.q());
    out.put("v", m.v());
    return out;
  }

  /**
   * Reads the maps {@link #toMap} writes, and refuses a model that could not value every member
   * ({@link LifetimeModelCheck}): a file is the boundary where edited or corrupted parameters enter.
   *
   * @throws IllegalArgumentException naming the missing or invalid key, or what the check found
   */
  public static LifetimeModel fromMap(Map<String, Object> map) {
    Map<String, Object> bg = section(map, "bgnbd");
    Map<String, Object> gg = section(map, "gamma_gamma");
    Map<String, Object> horizon = section(map, "horizon");
    LifetimeModel model =
        new LifetimeModel(
            new BgNbd(
                number(bg, "bgnbd", "r"),
                number(bg, "bgnbd", "alpha"),
                number(bg, "bgnbd", "a"),
                number(bg, "bgnbd", "b")),
            new GammaGamma(
                number(gg, "gamma_gamma", "p"),
                number(gg, "gamma_gamma", "q"),
                number(gg, "gamma_gamma", "v")),
            number(map, "lifetime", "unit_days"),
            new ClvHorizon(
                (int) number(horizon, "horizon", "months"),
                number(horizon, "horizon", "annual_discount_rate")));
    LifetimeModelCheck.check(model);
    return model;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("lifetime parameters lack the object '" + key + "'");
    }
    return (Map<String, Object>) value;
  }

  private static double number(Map<String, Object> map, String section, String key) {
    Object value = map.get(key);
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          "lifetime parameters lack the number " + section + "." + key);
    }
    return n.doubleValue();
  }
}
