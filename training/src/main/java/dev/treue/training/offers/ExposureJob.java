package dev.treue.training.offers;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;

import dev.treue.core.offers.Offer;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the offer exposures of a programme in Spark: consenting members' histories
 * ({@link StreamedHistories}, as churn snapshots) replayed by {@link MemberExposures}, then matched
 * to the logging policy's impressions.
 */
final class ExposureJob {
  /** An impression counts for a send up to this long before it (a ranking shown, then issued). */
  static final long IMPRESSION_LOOKBACK_MILLIS = 30L * DAY_MILLIS;

  /** ... and this long after it (clocks of the service and the event source differ a little). */
  static final long IMPRESSION_SLACK_MILLIS = 60_000L;

  private ExposureJob() {}

  /**
   * @param members validated members
   * @param events validated events
   * @param offers the catalogue
   * @param impressions validated impressions, if the data has them
   * @return rows of {@link ExposureSchema#SCHEMA} plus {@link ExposureSchema#PROPENSITY} (null
   *     without a matching impression)
   */
  static Dataset<Row> exposures(
      Dataset<Row> members,
      Dataset<Row> events,
      List<Offer> offers,
      Optional<Dataset<Row>> impressions) {
    Dataset<Row> consenting = members.filter(ProfilingConsent.given());
    Dataset<Row> exposures =
        members
            .sparkSession()
            .createDataFrame(
                StreamedHistories.histories(consenting, events, EventIds.NOT_NEEDED)
                    .mapPartitions(new MemberExposures(CatalogRows.of(offers))),
                ExposureSchema.SCHEMA);
    if (impressions.isEmpty()) {
      return exposures.withColumn(ExposureSchema.PROPENSITY, lit(null).cast("double"));
    }
    Dataset<Row> imp =
        impressions
            .get()
            .select(
                col("customer_id").as("i_customer"),
                col("offer_id").as("i_offer"),
                col("ts_millis").as("i_ts"),
                col("propensity").as("i_propensity"));
    Column match =
        col(ExposureSchema.CUSTOMER_ID)
            .equalTo(col("i_customer"))
            .and(col(ExposureSchema.OFFER_ID).equalTo(col("i_offer")))
            .and(col("i_ts").leq(col(ExposureSchema.SENT_MILLIS).plus(IMPRESSION_SLACK_MILLIS)))
            .and(
                col("i_ts").geq(col(ExposureSchema.SENT_MILLIS).minus(IMPRESSION_LOOKBACK_MILLIS)));
    // The latest impression before the send is the decision that sent it.
    String[] keys = {
      ExposureSchema.CUSTOMER_ID, ExposureSchema.OFFER_ID, ExposureSchema.SENT_MILLIS
    };
    Dataset<Row> matched =
        exposures
            .join(imp, match, "left")
            .groupBy(col(keys[0]), col(keys[1]), col(keys[2]))
            .agg(max_by(col("i_propensity"), col("i_ts")).as(ExposureSchema.PROPENSITY));
    return exposures.join(
        matched, scala.jdk.javaapi.CollectionConverters.asScala(List.of(keys)).toSeq(), "left");
  }
}
