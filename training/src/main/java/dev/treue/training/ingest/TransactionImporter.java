package dev.treue.training.ingest;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.EventRowParser;
import dev.treue.core.ingest.Parsed;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * Imports any shop export (CSV with a header row; gzip when the name ends in {@code .gz}) into
 * contract tables through a {@link ColumnMapping}.
 *
 * <p>Decisions, so exports import without hand editing:
 *
 * <ul>
 *   <li>Refunds: with {@code --type purchase}, a negative amount (or negative quantity) is a refund
 *       and becomes a {@code return} event with the positive amount, as the contract models returns.
 *       Shop exports record cancellations that way; rejecting them would fail normal files and
 *       dropping them would overstate spend. A zero amount stays a purchase.
 *   <li>Quantity: when mapped, {@code amount} is read as the unit price and the event amount is
 *       quantity times price, computed in decimal so cents do not drift.
 *   <li>Event ids: the mapped column, or {@code <file name stem>-<line>} so a re-import of the same
 *       file gives the same ids. Repeated mapped ids keep the first line and are counted.
 *   <li>Timestamps: without {@code --ts-format} the contract forms (see
 *       {@code dev.treue.core.ingest.Timestamps}); with it, a {@code java.time} pattern, where times
 *       without an offset (and date-only patterns) are read in {@code --zone} (default UTC).
 *   <li>Members: one per customer id, signup = the day of the first event, tier basic, consent true.
 * </ul>
 *
 * Every event also passes the core {@link EventRowParser}, so the rules match the Spark readers.
 */
public final class TransactionImporter {

  /**
   * How to read the export.
   *
   * @param mapping contract field to export column
   * @param tsFormat a {@code java.time} pattern, or null for the contract forms
   * @param zone the zone of times without offset when a pattern is given
   * @param delimiter the field separator
   * @param type the event type of each line ({@code purchase} turns refunds into returns)
   * @param maxRejectShare fail above this share of bad lines
   * @param now events after this instant are rejected
   */
  public record Settings(
      ColumnMapping mapping,
      String tsFormat,
      ZoneId zone,
      char delimiter,
      EventType type,
      double maxRejectShare,
      Instant now) {
    public Settings {
      Objects.requireNonNull(mapping, "mapping");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(now, "now");
    }
  }

  private static final int CUSTOMER = ColumnMapping.FIELDS.indexOf("customer_id");
  private static final int TS = ColumnMapping.FIELDS.indexOf("ts");
  private static final int AMOUNT = ColumnMapping.FIELDS.indexOf("amount");
  private static final int QUANTITY = ColumnMapping.FIELDS.indexOf("quantity");
  private static final int EVENT_ID = ColumnMapping.FIELDS.indexOf("event_id");
  private static final int CATEGORY = ColumnMapping.FIELDS.indexOf("category");
  private static final int CHANNEL = ColumnMapping.FIELDS.indexOf("channel");

  private final Settings settings;
  private final DateTimeFormatter formatter;
  private final EventRowParser parser;

  private TransactionImporter(Settings settings) {
    this.settings = settings;
    this.parser = new EventRowParser(settings.now());
    if (settings.tsFormat() == null || settings.tsFormat().isBlank()) {
      formatter = null;
    } else {
      try {
        formatter = DateTimeFormatter.ofPattern(settings.tsFormat(), Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--ts-format '"
                + settings.tsFormat()
                + "' is not a java.time pattern ("
                + e.getMessage()
                + "); e.g. yyyy-MM-dd HH:mm:ss, dd.MM.yyyy or M/d/yyyy H:mm");
      }
    }
  }

  /**
   * Imports {@code in} into {@code outDir} ({@code events.csv}, {@code customers.csv},
   * {@code import.rejects.csv}).
   *
   * @throws RejectThresholdException when more than the allowed share of lines is bad
   * @throws IllegalArgumentException when the header lacks a mapped column
   */
  public static ImportSummary run(Path in, Path outDir, Settings settings) throws IOException {
    return new TransactionImporter(settings).importFile(in, outDir);
  }

  private ImportSummary importFile(Path in, Path outDir) throws IOException {
    ColumnMapping mapping = settings.mapping();
    char delimiter = settings.delimiter();
    String stem = TextFiles.stem(in);
    try (BufferedReader reader = TextFiles.open(in);
        ContractWriter out = new ContractWriter(outDir, mapping.has("event_id"))) {
      String headerLine = reader.readLine();
      if (headerLine == null) {
        throw new IllegalArgumentException(
            in + " is empty; expected a header row naming the columns of --map");
      }
      Parsed<String[]> header = Csv.split(headerLine, delimiter);
      if (!header.isValid()) {
        throw new IllegalArgumentException(in + " line 1 (header): " + header.reason());
      }
      int width = header.value().length;
      if (width == 1 && headerLine.indexOf(delimiter) < 0) {
        throw new IllegalArgumentException(
            in
                + ": the header has no '"
                + delimiter
                + "'; pass --delimiter"
                + " (e.g. ';' or a tab) if the file uses another separator");
      }
      int[] pos = mapping.positions(header.value(), in.toString());
      long lineNo = 1;
      long dataLines = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        dataLines++;
        Parsed<String[]> split = Csv.split(line, delimiter);
        if (!split.isValid()) {
          out.reject(lineNo, split.reason(), line);
          continue;
        }
        String[] f = split.value();
        if (f.length != width) {
          out.reject(
              lineNo,
              "row has " + f.length + " fields; expected " + width + " as in the header",
              line);
          continue;
        }
        String[] values = new String[EventRowParser.COLUMNS.size()];
        String reason = fill(values, f, pos, stem, lineNo);
        if (reason != null) {
          out.reject(lineNo, reason, line);
          continue;
        }
        Parsed<LoyaltyEvent> event = parser.parse(values);
        if (!event.isValid()) {
          out.reject(lineNo, inFileTerms(event.reason()), line);
          continue;
        }
        out.event(values, event.value());
      }
      return out.finish(in, "transactions", dataLines, settings.maxRejectShare());
    }
  }

  /** Fills contract values from the export fields; returns a reason when a mapped value is unusable. */
  private String fill(String[] values, String[] f, int[] pos, String stem, long lineNo) {
    values[0] = pos[EVENT_ID] >= 0 ? f[pos[EVENT_ID]] : stem + "-" + lineNo;
    values[1] = f[pos[CUSTOMER]];
    String tsText = f[pos[TS]].trim();
    if (formatter != null && !tsText.isEmpty()) {
      String ts = timestamp(tsText);
      if (ts == null) {
        return "ts (column "
            + settings.mapping().column("ts")
            + "): expected the pattern '"
            + settings.tsFormat()
            + "', got '"
            + tsText
            + "'";
      }
      values[2] = ts;
    } else {
      values[2] = tsText;
    }
    String type = settings.type().wireName();
    String amount = null;
    if (pos[AMOUNT] >= 0 && !f[pos[AMOUNT]].isBlank()) {
      BigDecimal value = decimal(f[pos[AMOUNT]]);
      if (value == null) {
        return "amount (column "
            + settings.mapping().column("amount")
            + "): expected a decimal number such as"
            + " 12.50 (dot as decimal separator, no thousands separator), got '"
            + f[pos[AMOUNT]].trim()
            + "'";
      }
      if (pos[QUANTITY] >= 0) {
        BigDecimal quantity = decimal(f[pos[QUANTITY]]);
        if (quantity == null) {
          return "quantity (column "
              + settings.mapping().column("quantity")
              + "): expected a number, got '"
              + f[pos[QUANTITY]].trim()
              + "'";
        }
        value = value.multiply(quantity);
      }
      if (value.signum() < 0 && settings.type() == EventType.PURCHASE) {
        type = EventType.RETURN.wireName(); // a refund is a return with a positive amount
        value = value.negate();
      }
      amount = value.toPlainString();
    }
    values[3] = type;
    values[4] = amount;
    values[5] = null;
    values[6] = pos[CATEGORY] >= 0 ? f[pos[CATEGORY]] : null;
    values[7] = null;
    values[8] = pos[CHANNEL] >= 0 ? f[pos[CHANNEL]] : null;
    return null;
  }

  /** The timestamp in contract form, or null when it does not match the pattern. */
  private String timestamp(String text) {
    TemporalAccessor t;
    try {
      t = formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
    } catch (DateTimeParseException e) {
      return null;
    }
    if (t instanceof LocalDate d) {
      if (settings.zone().equals(ZoneOffset.UTC)) {
        return d.toString();
      }
      return d.atStartOfDay(settings.zone()).toInstant().toString();
    }
    if (t instanceof LocalDateTime dt) {
      return dt.atZone(settings.zone()).toInstant().toString();
    }
    return ((ZonedDateTime) t).toInstant().toString();
  }

  private static BigDecimal decimal(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A core reason with the export column named, so the user finds the field in the file. */
  private String inFileTerms(String reason) {
    int colon = reason.indexOf(':');
    if (colon > 0) {
      String field = reason.substring(0, colon);
      String column = settings.mapping().column(field);
      if (column != null && !column.equals(field)) {
        return field + " (column " + column + ")" + reason.substring(colon);
      }
    }
    return reason;
  }
}
