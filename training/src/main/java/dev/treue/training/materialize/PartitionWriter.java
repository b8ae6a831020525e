package dev.treue.training.materialize;

import dev.treue.store.RedisEndpoint;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StateBatchWriter.EncodedRow;
import dev.treue.store.StateBatchWriter.EncodedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The write stage of a load: one Redis connection per partition, states in pipelined batches (one
 * round trip per batch, per node on a cluster), at-risk rows in larger sorted groups ({@link
 * StateBatchWriter#rowGroup}), opt-out markers last.
 */
final class PartitionWriter implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;

  private final MaterializeSettings settings;
  private final LongAccumulator states;
  private final LongAccumulator listed;
  private final LongAccumulator optedOut;

  PartitionWriter(
      MaterializeSettings settings,
      LongAccumulator states,
      LongAccumulator listed,
      LongAccumulator optedOut) {
    this.settings = settings;
    this.states = states;
    this.listed = listed;
    this.optedOut = optedOut;
  }

  @Override
  public void call(Iterator<Row> rows) {
    try (var redis = RedisEndpoint.parse(settings.redisUrl()).connect(Duration.ofSeconds(10), 2)) {
      StateBatchWriter writer =
          new StateBatchWriter(redis, settings.keys(), settings.ttl(), settings.batchSize());
      List<EncodedState> batch = new ArrayList<>(settings.batchSize());
      List<EncodedRow> listRows = new ArrayList<>();
      List<String> optOuts = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String id = row.getString(LoadRows.ID);
        if (row.isNullAt(LoadRows.STATE)) {
          optOuts.add(id);
          continue;
        }
        batch.add(new EncodedState(id, (byte[]) row.get(LoadRows.STATE)));
        if (!row.isNullAt(LoadRows.AT_RISK)) {
          listRows.add(
              new EncodedRow(
                  id,
                  row.getDouble(LoadRows.PROBABILITY),
                  row.getDouble(LoadRows.VALUE_AT_RISK),
                  row.getString(LoadRows.AT_RISK)));
        }
        if (batch.size() == settings.batchSize()) {
          writeStates(writer, batch);
        }
        if (listRows.size() >= writer.rowGroup()) {
          writeRows(writer, listRows);
        }
      }
      writeStates(writer, batch);
      writeRows(writer, listRows);
      optedOut.add(writer.optOut(optOuts.iterator()));
    }
  }

  private void writeStates(StateBatchWriter writer, List<EncodedState> batch) {
    states.add(writer.writeStates(batch.iterator()));
    batch.clear();
  }

  /** Rows go in groups of {@link StateBatchWriter#rowGroup}: sorted together, cheaper to insert. */
  private void writeRows(StateBatchWriter writer, List<EncodedRow> listRows) {
    listed.add(writer.writeEncodedRows(listRows.iterator()));
    listRows.clear();
  }
}
