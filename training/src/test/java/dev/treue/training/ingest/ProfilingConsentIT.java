package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.training.spark.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The consent rule every job filters members with: true or missing may be profiled, false never. */
class ProfilingConsentIT {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void consentTrueOrMissingIsGivenAndFalseIsNot() {
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add(ProfilingConsent.COLUMN, DataTypes.BooleanType, true);
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("yes", true),
                RowFactory.create("no", false),
                RowFactory.create("blank", null)),
            schema);

    List<String> given =
        members
            .filter(ProfilingConsent.given())
            .orderBy("customer_id")
            .select("customer_id")
            .as(Encoders.STRING())
            .collectAsList();

    assertEquals(List.of("blank", "yes"), given);
  }
}
