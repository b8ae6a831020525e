package dev.treue.training.clv;

import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The time unit the BG/NBD's parameters and summaries are in. Weeks are the literature's (the
 * published CDNOW figures are weekly); days match the churn model's lifetime features. The fitted
 * {@link dev.treue.core.clv.LifetimeModel} converts either way, so the choice changes the numbers
 * people read in {@code params.json}, not the values it predicts.
 */
public enum ClvTimeUnit {
  WEEKS("weeks", 7),
  DAYS("days", 1);

  /** {@code --time-unit}. */
  public static final Option OPTION =
      Option.of(
          "time-unit",
          WEEKS.label,
          "time unit of the BG/NBD parameters: "
              + accepted()
              + " (weeks as in the published CDNOW results)");

  private final String label;
  private final int days;

  ClvTimeUnit(String label, int days) {
    this.label = label;
    this.days = days;
  }

  /** As written on the command line and in {@code training.json}. */
  public String label() {
    return label;
  }

  /** Days per unit. */
  public int days() {
    return days;
  }

  /** The unit named by {@code text}; a usage error naming the option and the accepted values otherwise. */
  public static ClvTimeUnit parse(String text) {
    for (ClvTimeUnit u : values()) {
      if (u.label.equals(text.toLowerCase(Locale.ROOT))) {
        return u;
      }
    }
    throw new UsageException(
        "option --" + OPTION.name() + " expects " + accepted() + ", got '" + text + "'");
  }

  private static String accepted() {
    return Arrays.stream(values()).map(u -> u.label).collect(Collectors.joining(" or "));
  }
}
