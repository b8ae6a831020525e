package dev.treue.training.offers;

import dev.treue.training.files.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The generator's {@code offer_truth.csv} ({@code customer_id,offer_id,sent_day,p_redeem}), the
 * oracle ranking; empty when the data folder has none (real data).
 */
final class OracleOffers {
  static final String FILE = "offer_truth.csv";

  private OracleOffers() {}

  static String key(String customerId, String offerId, int sentDay) {
    return customerId + "|" + offerId + "|" + sentDay;
  }

  /** P(redeem) by {@link #key}, only for sends on or after {@code fromDay}. */
  static Map<String, Double> read(Location dataDir, int fromDay) throws IOException {
    Location file = dataDir.resolve(FILE);
    Map<String, Double> out = new HashMap<>();
    if (!file.isFile()) {
      return out;
    }
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null || !header.startsWith("customer_id,offer_id,sent_day,p_redeem")) {
        throw new IOException(
            file + ": expected the header customer_id,offer_id,sent_day,p_redeem, got " + header);
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        int day = Math.toIntExact(LocalDate.parse(f[2]).toEpochDay());
        if (day >= fromDay) {
          out.put(key(f[0], f[1], day), Double.parseDouble(f[3]));
        }
      }
    }
    return out;
  }
}
