package dev.treue.training.spark;

import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.concurrent.Futures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * A dataset's rows brought to the driver in partition order, as {@code toLocalIterator} brings
 * them, with several partitions computed at once.
 *
 * <p>{@code toLocalIterator} runs one job per partition and starts the next only when the driver
 * has read the one before, so when the work is in the last stage (the training snapshots' replay
 * of each member bucket) one task runs at a time and the other cores wait: a profile of {@code
 * train churn} at 1M members had the machine 60% busy on 2 cores for the 74 s of its snapshots.
 * Here up to {@link #inFlight} partitions are computed side by side while the driver reads the
 * oldest; at most that many partitions' rows (and the one being read) are held on the driver.
 *
 * <p>Rows travel as Spark's own binary rows and are read as {@link InternalRow}s (no boxing of
 * arrays into Java objects): read fields by ordinal, {@code getArray(i).toDoubleArray()} for a
 * double array. Every row returned is its own object and stays valid after {@link #next}.
 */
public final class PartitionStream implements Iterator<InternalRow>, AutoCloseable {
  /**
   * The Spark setting for how many partitions are computed at once at most, whatever the cluster's
   * size (the driver holds their rows): {@code --conf spark.treue.partitionsInFlight=N}.
   */
  public static final String IN_FLIGHT_SETTING = "spark.treue.partitionsInFlight";

  /**
   * The default of {@link #IN_FLIGHT_SETTING}: a bucket of 1M members in 16 is roughly 300 MB of
   * snapshot rows.
   */
  static final int MAX_IN_FLIGHT = 8;

  private final JavaRDD<byte[]> packed;
  private final SparkContext context;
  private final int fields;
  private final int partitions;
  private final String jobGroup = "treue-partition-stream-" + UUID.randomUUID();
  private final ExecutorService fetchers;
  private final ArrayDeque<Future<List<byte[]>>> pending = new ArrayDeque<>();
  private final int inFlight;
  private int nextToFetch;
  private Iterator<byte[]> chunks = Collections.emptyIterator();
  private ByteBuffer chunk;
  private UnsafeRow head;
  private boolean finished;
  private boolean closed;

  private PartitionStream(Dataset<Row> rows, int inFlight) {
    StructType schema = rows.schema();
    this.fields = schema.size();
    this.packed =
        rows.queryExecution().toRdd().toJavaRDD().mapPartitions(new Packer(schema), false);
    this.context = rows.sparkSession().sparkContext();
    this.partitions = packed.getNumPartitions();
    this.inFlight = Math.max(1, Math.min(inFlight, Math.max(1, partitions)));
    this.fetchers =
        Executors.newFixedThreadPool(this.inFlight, DaemonThreads.named("treue-partition-stream"));
  }

  /**
   * Streams {@code rows}, computing as many partitions at once as the session has cores for tasks
   * (Spark's default parallelism), at most {@link #IN_FLIGHT_SETTING} ({@value #MAX_IN_FLIGHT}).
   *
   * @throws IllegalArgumentException when the setting is not a whole number of at least 1
   */
  public static PartitionStream of(Dataset<Row> rows) {
    int cores = rows.sparkSession().sparkContext().defaultParallelism();
    String setting =
        rows.sparkSession().conf().get(IN_FLIGHT_SETTING, String.valueOf(MAX_IN_FLIGHT));
    int most;
    try {
      most = Integer.parseInt(setting.trim());
    } catch (NumberFormatException e) {
      most = 0;
    }
    if (most < 1) {
      throw new IllegalArgumentException(
          IN_FLIGHT_SETTING + " must be a whole number of at least 1, got '" + setting + "'");
    }
    return of(rows, Math.min(cores, most));
  }

  /** Streams {@code rows} with at most {@code inFlight} partitions computed at once. */
  public static PartitionStream of(Dataset<Row> rows, int inFlight) {
    return new PartitionStream(rows, inFlight);
  }

  /** How many partitions this stream computes at once. */
  public int inFlight() {
    return inFlight;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      throw new IllegalStateException("the partition stream was closed");
    }
    if (head == null && !finished) {
      head = advance();
    }
    return head != null;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InternalRow out = head;
    head = null;
    return out;
  }

  private UnsafeRow advance() {
    while (chunk == null || !chunk.hasRemaining()) {
      if (chunks.hasNext()) {
        chunk = ByteBuffer.wrap(chunks.next());
        continue;
      }
      if (!fetchNextPartition()) {
        return null;
      }
    }
    int size = chunk.getInt();
    UnsafeRow row = new UnsafeRow(fields);
    row.pointTo(chunk.array(), Platform.BYTE_ARRAY_OFFSET + chunk.position(), size);
    chunk.position(chunk.position() + size);
    return row;
  }

  /** Waits for the oldest partition's rows, starting the next ones first; false after the last. */
  private boolean fetchNextPartition() {
    while (pending.size() < inFlight && nextToFetch < partitions) {
      int partition = nextToFetch++;
      pending.add(fetchers.submit(() -> fetch(partition)));
    }
    Future<List<byte[]>> oldest = pending.poll();
    if (oldest == null) {
      finished = true;
      fetchers.shutdown();
      return false;
    }
    List<byte[]> rows;
    try {
      rows = oldest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while reading a partition's rows", e);
    } catch (ExecutionException e) {
      close();
      throw Futures.failure(e, "reading a partition's rows");
    }
    // The next partition starts computing while this one is read.
    if (nextToFetch < partitions) {
      int partition = nextToFetch++;
      pending.add(fetchers.submit(() -> fetch(partition)));
    }
    chunks = rows.iterator();
    chunk = null;
    return true;
  }

  private List<byte[]> fetch(int partition) {
    // A job group per stream, so that closing the stream cancels its jobs still running.
    context.setJobGroup(jobGroup, "treue: rows to the driver", true);
    return packed.collectPartitions(new int[] {partition})[0];
  }

  /** Stops the partitions still being computed; the rows already returned stay valid. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!pending.isEmpty()) {
      context.cancelJobGroup(jobGroup);
      pending.forEach(f -> f.cancel(true));
      pending.clear();
    }
    fetchers.shutdownNow();
  }

  /**
   * Runs on the executors: a partition's rows as Spark's binary rows, each preceded by its size,
   * in chunks of about {@value #CHUNK_BYTES} bytes (a byte array holds at most 2 GB).
   */
  private static final class Packer implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
    private static final int CHUNK_BYTES = 16 << 20;
    private final StructType schema;

    Packer(StructType schema) {
      this.schema = schema;
    }

    @Override
    public Iterator<byte[]> call(Iterator<InternalRow> rows) {
      UnsafeProjection binary = UnsafeProjection.create(schema);
      List<byte[]> out = new ArrayList<>();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      DataOutputStream data = new DataOutputStream(bytes);
      byte[] buffer = new byte[4096];
      try {
        while (rows.hasNext()) {
          InternalRow next = rows.next();
          // A plan's rows are binary already, as a rule; anything else is made so.
          UnsafeRow row = next instanceof UnsafeRow u ? u : binary.apply(next);
          data.writeInt(row.getSizeInBytes());
          row.writeToStream(data, buffer);
          if (bytes.size() >= CHUNK_BYTES) {
            data.flush();
            out.add(bytes.toByteArray());
            bytes.reset();
          }
        }
        data.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (bytes.size() > 0) {
        out.add(bytes.toByteArray());
      }
      return out.iterator();
    }
  }
}
