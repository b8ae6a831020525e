package dev.treue.core.ingest;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.id.IdRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates one row of the {@code customers} table and turns it into a {@link Member}, or into the
 * reason it was rejected. Thread-safe.
 *
 * <p>Rules, checked in column order (the first failure is the reason):
 *
 * <ul>
 *   <li>{@code customer_id}: required, {@link IdRule#MEMBER}, exactly as given (never trimmed)
 *   <li>{@code signup_date}: required, {@code yyyy-MM-dd} or a timestamp (its UTC day, see
 *       {@link Timestamps}); not after today (UTC day of "now")
 *   <li>{@code tier}: optional, one of {@link TierLadder#NAMES} (any case), blank = basic; an unknown
 *       tier is rejected because features would silently rank it as basic
 *   <li>{@code birth_date}: optional, same forms as signup_date, not after today; blank = unknown
 *   <li>{@code segment}, {@code channel}: optional text, blank = null
 *   <li>{@code profiling_consent}: optional, true/false/1/0/yes/no (any case), blank = true
 * </ul>
 */
public final class MemberRowParser {
  /** The contract columns in the order {@link #parse(String[])} expects them. */
  public static final List<String> COLUMNS =
      List.of(
          "customer_id",
          "signup_date",
          "tier",
          "birth_date",
          "segment",
          "channel",
          "profiling_consent");

  /** Columns a file must have; the others may be left out. */
  public static final Set<String> REQUIRED_COLUMNS = Set.of("customer_id", "signup_date");

  private static final String DATE_EXPECTED = "a date yyyy-MM-dd or an ISO-8601 timestamp";

  private final long today;

  /** @param now signup and birth dates after the UTC day of this instant are rejected */
  public MemberRowParser(Instant now) {
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
  }

  /** Resolves a file header against {@link #COLUMNS}; see {@link ColumnLayout#of}. */
  public static ColumnLayout layout(String[] header, String source) {
    return ColumnLayout.of(COLUMNS, REQUIRED_COLUMNS, header, source);
  }

  /** Validates a row given by column name (absent keys count as empty). */
  public Parsed<Member> parse(Map<String, String> row) {
    String[] values = new String[COLUMNS.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = row.get(COLUMNS.get(c));
    }
    return parse(values);
  }

  /** Validates a row given as values in {@link #COLUMNS} order; null means absent. */
  public Parsed<Member> parse(String[] values) {
    if (values.length != COLUMNS.size()) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS.size() + " values " + COLUMNS + ", got " + values.length);
    }
    String customerId = values[0];
    if (customerId == null || customerId.isBlank()) {
      return Parsed.reject("customer_id: missing; expected a non-empty member id");
    }
    if (!IdRule.MEMBER.accepts(customerId)) {
      return Parsed.reject(Fields.badId("customer_id", customerId, IdRule.MEMBER));
    }
    String signupText = Fields.clean(values[1]);
    if (signupText == null) {
      return Parsed.reject("signup_date: missing; expected " + DATE_EXPECTED);
    }
    long signup = Timestamps.parseEpochDay(signupText);
    if (signup == Timestamps.INVALID) {
      return Parsed.reject(
          "signup_date: expected "
              + DATE_EXPECTED
              + " (with offset), got "
              + Fields.shown(signupText));
    }
    if (signup > today) {
      return Parsed.reject(
          "signup_date: "
              + Fields.shown(signupText)
              + " is in the future; expected a date at or before "
              + LocalDate.ofEpochDay(today));
    }
    String tier = TierLadder.NAMES.get(0);
    String tierText = Fields.clean(values[2]);
    if (tierText != null) {
      tier = tierText.toLowerCase(Locale.ROOT);
      if (!TierLadder.NAMES.contains(tier)) {
        return Parsed.reject(
            "tier: expected one of "
                + TierLadder.NAMES
                + " or empty, got "
                + Fields.shown(tierText));
      }
    }
    int birth = CustomerState.NONE;
    String birthText = Fields.clean(values[3]);
    if (birthText != null) {
      long day = Timestamps.parseEpochDay(birthText);
      if (day == Timestamps.INVALID) {
        return Parsed.reject(
            "birth_date: expected " + DATE_EXPECTED + " or empty, got " + Fields.shown(birthText));
      }
      if (day > today) {
        return Parsed.reject(
            "birth_date: "
                + Fields.shown(birthText)
                + " is in the future; expected a date at or before "
                + LocalDate.ofEpochDay(today));
      }
      birth = (int) day;
    }
    boolean consent = true;
    String consentText = Fields.clean(values[6]);
    if (consentText != null) {
      switch (consentText.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "y" -> consent = true;
        case "false", "0", "no", "n" -> consent = false;
        default -> {
          return Parsed.reject(
              "profiling_consent: expected true/false, 1/0 or yes/no (empty = true),"
                  + " got "
                  + Fields.shown(consentText));
        }
      }
    }
    return Parsed.of(
        new Member(
            customerId,
            (int) signup,
            tier,
            birth,
            Fields.clean(values[4]),
            Fields.clean(values[5]),
            consent));
  }
}
