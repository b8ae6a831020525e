package dev.treue.training.ingest;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.ingest.EventRowParser;
import dev.treue.core.ingest.ImpressionRowParser;
import dev.treue.core.ingest.MemberRowParser;
import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.ingest.Parsed;
import dev.treue.core.offers.Offer;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * One contract table as the Spark validation sees it: its columns, its id, its output schema and the
 * core parser that decides each row. Shipped to executors, so it holds only serializable values and
 * creates the parser there.
 */
abstract class TableSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Turns contract-ordered text values into output row values, or a reason. */
  interface RowValidator {
    Parsed<Object[]> validate(String[] values);
  }

  /** File base name and table name: {@code events}, {@code customers}, {@code offers} or {@code impressions}. */
  abstract String name();

  /** Contract columns, in the order the validator takes values. */
  abstract List<String> columns();

  abstract Set<String> requiredColumns();

  /** Output column whose repeats are duplicates. */
  abstract String keyColumn();

  abstract StructType schema();

  /** A validator for one partition. */
  abstract RowValidator validator();

  /** The contract tables, in the order a validation reads them (members first: the cheaper failure). */
  static final List<String> TABLES = List.of("customers", "events", "offers", "impressions");

  /** The tables every data folder holds; the others are optional. */
  static final Set<String> REQUIRED = Set.of("customers", "events");

  /** The spec of contract table {@code table} (one of {@link #TABLES}). */
  static TableSpec named(String table, Instant now) {
    return switch (table) {
      case "customers" -> members(now);
      case "events" -> events(now);
      case "offers" -> offers();
      case "impressions" -> impressions(now);
      default -> throw new IllegalArgumentException("no contract table " + table);
    };
  }

  static TableSpec events(Instant now) {
    return new Events(now);
  }

  static TableSpec members(Instant now) {
    return new Members(now);
  }

  static TableSpec offers() {
    return new Offers();
  }

  static TableSpec impressions(Instant now) {
    return new Impressions(now);
  }

  private static final class Offers extends TableSpec {
    private static final long serialVersionUID = 1L;

    @Override
    String name() {
      return "offers";
    }

    @Override
    List<String> columns() {
      return OfferRowParser.COLUMNS;
    }

    @Override
    Set<String> requiredColumns() {
      return OfferRowParser.REQUIRED_COLUMNS;
    }

    @Override
    String keyColumn() {
      return "offer_id";
    }

    @Override
    StructType schema() {
      return LoyaltySchemas.OFFERS;
    }

    @Override
    RowValidator validator() {
      OfferRowParser parser = new OfferRowParser();
      return values -> {
        Parsed<Offer> p = parser.parse(values);
        if (!p.isValid()) {
          return Parsed.reject(p.reason());
        }
        Offer o = p.value();
        return Parsed.of(
            new Object[] {
              o.offerId(),
              o.kind().wireName(),
              o.category(),
              o.value(),
              o.cost(),
              o.pointsCost(),
              o.minTierRank(),
              o.validFromDay(),
              o.validToDay(),
              o.budget(),
              o.perCustomerCap(),
              String.join("|", o.channels())
            });
      };
    }
  }

  private static final class Impressions extends TableSpec {
    private static final long serialVersionUID = 1L;
    private final Instant now;

    Impressions(Instant now) {
      this.now = now;
    }

    @Override
    String name() {
      return "impressions";
    }

    @Override
    List<String> columns() {
      return ImpressionRowParser.COLUMNS;
    }

    @Override
    Set<String> requiredColumns() {
      return ImpressionRowParser.REQUIRED_COLUMNS;
    }

    @Override
    String keyColumn() {
      return "impression_id";
    }

    @Override
    StructType schema() {
      return LoyaltySchemas.IMPRESSIONS;
    }

    @Override
    RowValidator validator() {
      ImpressionRowParser parser = new ImpressionRowParser(now);
      return values -> {
        Parsed<ImpressionRowParser.Impression> p = parser.parse(values);
        if (!p.isValid()) {
          return Parsed.reject(p.reason());
        }
        ImpressionRowParser.Impression i = p.value();
        return Parsed.of(
            new Object[] {
              i.key(),
              i.rankingId(),
              i.customerId(),
              i.offerId(),
              i.tsMillis(),
              i.propensity(),
              i.policy()
            });
      };
    }
  }

  private static final class Events extends TableSpec {
    private static final long serialVersionUID = 1L;
    private final Instant now;

    Events(Instant now) {
      this.now = now;
    }

    @Override
    String name() {
      return "events";
    }

    @Override
    List<String> columns() {
      return EventRowParser.COLUMNS;
    }

    @Override
    Set<String> requiredColumns() {
      return EventRowParser.REQUIRED_COLUMNS;
    }

    @Override
    String keyColumn() {
      return "event_id";
    }

    @Override
    StructType schema() {
      return LoyaltySchemas.EVENTS;
    }

    @Override
    RowValidator validator() {
      EventRowParser parser = new EventRowParser(now);
      return values -> {
        Parsed<LoyaltyEvent> p = parser.parse(values);
        if (!p.isValid()) {
          return Parsed.reject(p.reason());
        }
        LoyaltyEvent e = p.value();
        return Parsed.of(
            new Object[] {
              e.eventId(),
              e.customerId(),
              e.tsMillis(),
              e.type().wireName(),
              e.amount(),
              e.points(),
              e.category(),
              e.offerId(),
              e.channel()
            });
      };
    }
  }

  private static final class Members extends TableSpec {
    private static final long serialVersionUID = 1L;
    private final Instant now;

    Members(Instant now) {
      this.now = now;
    }

    @Override
    String name() {
      return "customers";
    }

    @Override
    List<String> columns() {
      return MemberRowParser.COLUMNS;
    }

    @Override
    Set<String> requiredColumns() {
      return MemberRowParser.REQUIRED_COLUMNS;
    }

    @Override
    String keyColumn() {
      return "customer_id";
    }

    @Override
    StructType schema() {
      return LoyaltySchemas.MEMBERS;
    }

    @Override
    RowValidator validator() {
      MemberRowParser parser = new MemberRowParser(now);
      return values -> {
        Parsed<Member> p = parser.parse(values);
        if (!p.isValid()) {
          return Parsed.reject(p.reason());
        }
        Member m = p.value();
        Integer birth = m.birthEpochDay() == CustomerState.NONE ? null : m.birthEpochDay();
        return Parsed.of(
            new Object[] {
              m.customerId(),
              m.signupEpochDay(),
              m.tier(),
              birth,
              m.segment(),
              m.channel(),
              m.profilingConsent()
            });
      };
    }
  }
}
