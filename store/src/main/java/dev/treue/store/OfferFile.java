package dev.treue.store;

import dev.treue.core.ingest.ColumnLayout;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.ingest.Parsed;
import dev.treue.core.offers.Offer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An {@code offers} table read from a CSV file (gzip allowed) for loading into the catalogue: every
 * row checked by the import's {@link OfferRowParser}, plus what the catalogue needs beyond it (an id
 * usable as a Redis key, each id once). All rows are read before anything is loaded, so a file with
 * rejects can be refused whole.
 *
 * @param offers the valid rows, in file order
 * @param rejects the invalid rows with their line numbers and reasons, in file order
 */
public record OfferFile(List<Offer> offers, List<Reject> rejects) {

  /**
   * A refused row.
   *
   * @param line 1-based line number in the file (the header is line 1)
   * @param reason names the column and what was expected
   */
  public record Reject(long line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  public OfferFile {
    offers = List.copyOf(offers);
    rejects = List.copyOf(rejects);
  }

  /**
   * Reads and checks a file.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is empty or its header lacks required columns
   */
  public static OfferFile read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return read(reader, file.toString());
    }
  }

  /** Reads and checks CSV text; {@code source} names it in errors. */
  public static OfferFile read(BufferedReader reader, String source) throws IOException {
    String headerLine = reader.readLine();
    if (headerLine == null) {
      throw new IllegalArgumentException(
          source + " is empty; expected a header row with columns " + OfferRowParser.COLUMNS);
    }
    if (headerLine.startsWith("\uFEFF")) {
      headerLine = headerLine.substring(1);
    }
    Parsed<String[]> header = Csv.split(headerLine, ',');
    if (!header.isValid()) {
      throw new IllegalArgumentException(source + " line 1 (header): " + header.reason());
    }
    ColumnLayout layout = OfferRowParser.layout(header.value(), source);
    OfferRowParser parser = new OfferRowParser();
    List<Offer> offers = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Map<String, Long> firstLine = new HashMap<>();
    long lineNo = 1;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Parsed<String[]> fields = Csv.split(line, ',');
      if (!fields.isValid()) {
        rejects.add(new Reject(lineNo, fields.reason()));
        continue;
      }
      String width = layout.widthProblem(fields.value());
      if (width != null) {
        rejects.add(new Reject(lineNo, width));
        continue;
      }
      Parsed<Offer> row = parser.parse(layout.pick(fields.value()));
      if (!row.isValid()) {
        rejects.add(new Reject(lineNo, row.reason()));
        continue;
      }
      String id = row.value().offerId();
      if (!RedisKeys.validMemberId(id)) {
        rejects.add(
            new Reject(
                lineNo,
                "offer_id: '"
                    + shown(id)
                    + "' cannot be a catalogue id; expected "
                    + RedisKeys.memberIdRule()));
        continue;
      }
      Long seen = firstLine.putIfAbsent(id, lineNo);
      if (seen != null) {
        rejects.add(
            new Reject(
                lineNo,
                "offer_id: '" + id + "' repeats line " + seen + "; expected each offer once"));
        continue;
      }
      offers.add(row.value());
    }
    return new OfferFile(offers, rejects);
  }

  private static String shown(String v) {
    String s = v.length() > 60 ? v.substring(0, 60) + "..." : v;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
