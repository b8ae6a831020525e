package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.event.EventType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code ./treue import transactions}: any shop export CSV into contract tables via a column mapping. */
public final class ImportTransactionsCommand implements Command {

  @Override
  public String name() {
    return "import transactions";
  }

  @Override
  public String summary() {
    return "import a shop export CSV (any columns, mapped with --map) into events.csv and customers.csv";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("in", "export CSV with a header row (.gz allowed)"),
        Option.required("out", "folder for events.csv, customers.csv and import.rejects.csv"),
        Option.required(
            "map",
            "field=COLUMN pairs: customer_id, ts required; amount, quantity (amount is then"
                + " the unit price), event_id, category, channel optional"),
        Option.of(
            "ts-format",
            "",
            "java.time pattern of the ts column, e.g. 'dd.MM.yyyy HH:mm' (empty: ISO-8601"
                + " with offset, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss UTC)"),
        Option.of("zone", "UTC", "time zone of ts values without offset, with --ts-format"),
        Option.of("delimiter", ",", "field separator; 'tab' for tabs"),
        Option.of(
            "type",
            "purchase",
            "event type of every line; with purchase, negative amounts become returns"),
        IngestArguments.MAX_REJECT_SHARE);
  }

  @Override
  public int run(Arguments a) throws Exception {
    ColumnMapping mapping;
    try {
      mapping = ColumnMapping.parse(a.string("map"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    TransactionImporter.Settings settings =
        new TransactionImporter.Settings(
            mapping,
            a.has("ts-format") ? a.get("ts-format") : null,
            zone(a.string("zone")),
            delimiter(a.string("delimiter")),
            type(a.string("type")),
            a.decimal("max-reject-share"),
            Instant.now());
    ImportSummary s = TransactionImporter.run(a.path("in"), a.path("out"), settings);
    System.out.println(s.describe());
    return 0;
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new UsageException(
          "option --zone expects a time zone such as UTC, +01:00 or Europe/Berlin, got '"
              + text
              + "'");
    }
  }

  private static char delimiter(String text) {
    if (text.equalsIgnoreCase("tab") || text.equals("\\t")) {
      return '\t';
    }
    if (text.length() != 1 || text.equals("\"")) {
      throw new UsageException(
          "option --delimiter expects one character (or 'tab'), got '" + text + "'");
    }
    return text.charAt(0);
  }

  private static EventType type(String text) {
    try {
      return EventType.fromWire(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option --type: " + e.getMessage());
    }
  }
}
