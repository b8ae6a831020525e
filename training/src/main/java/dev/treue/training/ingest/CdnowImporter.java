package dev.treue.training.ingest;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.ingest.EventRowParser;
import dev.treue.core.ingest.Parsed;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports the CDNOW purchase history into contract tables.
 *
 * <p>Two layouts, told apart by the first line: the master file ({@code customer_id date
 * number_of_cds dollar_value}, with that header) and the 1/10th sample ({@code master_id sample_id
 * yyyymmdd number_of_cds dollar_value}, no header). Columns are separated by runs of blanks. Each
 * line becomes a {@code purchase} event: id {@code cdnow-<line>} (the 1-based line number, header
 * included, so re-imports give the same ids), customer id exactly as in the file (zero padding kept;
 * the sample uses its master id so ids agree with the master file), ts = the date (start of day UTC),
 * amount = dollar_value as written. The number of CDs has no place in the contract and is only
 * checked. Zero-dollar purchases exist in CDNOW and are valid. Members get signup = the day of their
 * first purchase (the CDNOW cohort is defined by its first purchase), tier basic, consent true.
 */
public final class CdnowImporter {
  private static final String MASTER = "cdnow master";
  private static final String SAMPLE = "cdnow sample";
  private static final String EXPECTED_LAYOUTS =
      "the CDNOW master layout 'customer_id date number_of_cds"
          + " dollar_value' or the 1/10th sample layout 'master_id sample_id yyyymmdd number_of_cds dollar_value'";

  private CdnowImporter() {}

  /**
   * Imports {@code in} into {@code outDir} ({@code events.csv}, {@code customers.csv},
   * {@code import.rejects.csv}).
   *
   * @param now purchases after this instant are rejected
   * @throws RejectThresholdException when more than {@code maxRejectShare} of the lines are bad
   * @throws IllegalArgumentException when the file matches neither layout
   */
  public static ImportSummary run(Path in, Path outDir, double maxRejectShare, Instant now)
      throws IOException {
    EventRowParser parser = new EventRowParser(now);
    try (BufferedReader reader = TextFiles.open(in);
        ContractWriter out = new ContractWriter(outDir, false)) {
      String layout = null;
      int width = 0;
      long lineNo = 0;
      long dataLines = 0;
      String line;
      String[] values = new String[EventRowParser.COLUMNS.size()];
      while ((line = reader.readLine()) != null) {
        lineNo++;
        List<String> tokens = tokens(line);
        if (tokens.isEmpty()) {
          continue;
        }
        if (layout == null) {
          if (tokens.get(0).equalsIgnoreCase("customer_id")) {
            layout = MASTER;
            width = 4;
            continue;
          }
          if (tokens.size() == 4 || tokens.size() == 5) {
            layout = tokens.size() == 4 ? MASTER : SAMPLE;
            width = tokens.size();
          } else {
            throw new IllegalArgumentException(
                in
                    + " line "
                    + lineNo
                    + ": expected "
                    + EXPECTED_LAYOUTS
                    + ", got "
                    + tokens.size()
                    + " columns: '"
                    + line.strip()
                    + "'");
          }
        }
        dataLines++;
        if (tokens.size() != width) {
          out.reject(
              lineNo,
              "expected "
                  + width
                  + " blank-separated columns ("
                  + layout
                  + "), got "
                  + tokens.size(),
              line);
          continue;
        }
        String customerId = tokens.get(0);
        String date = tokens.get(width - 3);
        String cds = tokens.get(width - 2);
        String dollars = tokens.get(width - 1);
        String day = isoDate(date);
        if (day == null) {
          out.reject(lineNo, "date: expected yyyymmdd, got '" + date + "'", line);
          continue;
        }
        if (!isCount(cds)) {
          out.reject(
              lineNo, "number_of_cds: expected a whole number >= 0, got '" + cds + "'", line);
          continue;
        }
        values[0] = "cdnow-" + lineNo;
        values[1] = customerId;
        values[2] = day;
        values[3] = "purchase";
        values[4] = dollars;
        Parsed<LoyaltyEvent> event = parser.parse(values);
        if (!event.isValid()) {
          out.reject(lineNo, inFileTerms(event.reason()), line);
          continue;
        }
        out.event(values, event.value());
      }
      if (layout == null) {
        throw new IllegalArgumentException(in + " has no data lines; expected " + EXPECTED_LAYOUTS);
      }
      return out.finish(in, layout, dataLines, maxRejectShare);
    }
  }

  /** A core reason in the file's column names, so the user finds the field. */
  private static String inFileTerms(String reason) {
    if (reason.startsWith("ts:")) {
      return "date:" + reason.substring(3);
    }
    if (reason.startsWith("amount:")) {
      return "dollar_value:" + reason.substring(7);
    }
    return reason;
  }

  /** Blank-separated tokens; the master file pads columns with runs of spaces. */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>(5);
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out;
  }

  /** {@code yyyymmdd} as {@code yyyy-MM-dd}; the calendar check is left to the core parser. */
  private static String isoDate(String yyyymmdd) {
    if (yyyymmdd.length() != 8) {
      return null;
    }
    for (int i = 0; i < 8; i++) {
      if (!Character.isDigit(yyyymmdd.charAt(i))) {
        return null;
      }
    }
    return yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6);
  }

  private static boolean isCount(String text) {
    try {
      return new BigDecimal(text).signum() >= 0
          && new BigDecimal(text).stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
