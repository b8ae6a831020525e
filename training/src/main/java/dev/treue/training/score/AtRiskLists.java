package dev.treue.training.score;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.i18n.Language;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three files of a scored member list ({@link AtRiskSchema#SCHEMA}, one row a member): the
 * at-risk list (active members in the chosen risk bands, highest value at risk first), the win-back
 * list and the members not activated yet, each as CSV with a Parquet copy beside it ({@link
 * AtRiskFiles}). {@code score} writes them from its own replay, {@code materialize --lists} from the
 * rows it loads into Redis.
 */
public final class AtRiskLists {
  /** The option naming the risk bands the at-risk file lists. */
  public static final Option RISK_BANDS =
      Option.of(
          "risk-bands",
          "medium,high",
          "the active members' risk bands the at-risk file lists (comma list of low, medium, high)");

  private AtRiskLists() {}

  /**
   * Where the lists went and how long the at-risk one is.
   *
   * @param atRisk the at-risk file (its Parquet copy and the other lists beside it)
   * @param winBack the win-back file
   * @param notActivated the not-activated file
   * @param atRiskRows rows of the at-risk file
   */
  public record Written(String atRisk, String winBack, String notActivated, long atRiskRows) {}

  /**
   * Writes the three lists of {@code list}: {@code out}, and beside it {@code -winback.csv} and
   * {@code -not-activated.csv}, each with its {@code .parquet} copy; the CSV in {@code language}.
   * The list is read once a file: keep it ({@code persist}) when it comes from a replay.
   */
  public static Written write(
      Dataset<Row> list, String out, Set<RiskBand> bands, Language language) {
    String winBack = companion(out, "winback");
    String notActivated = companion(out, "not-activated");
    Dataset<Row> atRisk = BatchScoring.defaultList(list, bands);
    AtRiskFiles.write(atRisk, out, language);
    AtRiskFiles.write(BatchScoring.winBackList(list), winBack, language);
    AtRiskFiles.write(BatchScoring.notActivated(list), notActivated, language);
    return new Written(out, winBack, notActivated, atRisk.count());
  }

  /** Prints where the files are, for the console. */
  public static void printPaths(Written files) {
    System.out.println("At-risk list: " + Path.of(files.atRisk()).toAbsolutePath());
    System.out.println("Win-back list: " + Path.of(files.winBack()).toAbsolutePath());
    System.out.println("Not activated yet: " + Path.of(files.notActivated()).toAbsolutePath());
    System.out.println("Parquet copies: beside each, as .parquet");
  }

  /** The bands of {@code --risk-bands}. */
  public static Set<RiskBand> riskBands(String text) {
    Set<RiskBand> bands = EnumSet.noneOf(RiskBand.class);
    for (String name : text.split(",", -1)) {
      try {
        bands.add(RiskBand.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--risk-bands: '"
                + name
                + "' is not a risk band; expected a comma list of low, medium, high");
      }
    }
    return bands;
  }

  /** Where a companion list of {@code out} goes: {@code atrisk.csv} gives {@code atrisk-winback.csv}. */
  static String companion(String out, String suffix) {
    String base = out.endsWith(".csv") ? out.substring(0, out.length() - 4) : out;
    return base + "-" + suffix + ".csv";
  }
}
