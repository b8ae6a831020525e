package dev.treue.store;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.WindowedState;
import java.nio.ByteBuffer;

/**
 * A member's state as one Redis string value: a fixed 24-byte header, then the
 * {@link CustomerStateCodec} bytes. One string per member keeps the read a single {@code GET} and
 * lets the atomic event update compare the revision in a Lua script without decoding the state.
 *
 * @param revision increases by one on every write through the event path; a compare-and-set on it
 *     is what prevents lost updates
 * @param batchCoveredUntilMillis the batch load folded in every event with a timestamp before this
 *     instant (the end of its as-of day); later events arrive through the event API
 * @param syncedAtMillis when the batch load wrote this member, for staleness checks
 * @param window the folded member state with its recent events ({@link #state()} is the state)
 */
public record StoredState(
    long revision, long batchCoveredUntilMillis, long syncedAtMillis, WindowedState window) {
  /** A state whose events are all settled (see {@link WindowedState#settled}). */
  public StoredState(
      long revision, long batchCoveredUntilMillis, long syncedAtMillis, CustomerState state) {
    this(revision, batchCoveredUntilMillis, syncedAtMillis, WindowedState.settled(state));
  }

  /** Bytes before the state. */
  public static final int HEADER_BYTES = 24;

  /** The member's state: every folded event in time order. */
  public CustomerState state() {
    return window.view();
  }

  /** The value stored in Redis. */
  public byte[] encode() {
    // The codec leaves room for the header: the body is not copied behind it.
    byte[] value = CustomerStateCodec.encode(window, HEADER_BYTES);
    ByteBuffer.wrap(value)
        .putLong(revision)
        .putLong(batchCoveredUntilMillis)
        .putLong(syncedAtMillis);
    return value;
  }

  /**
   * Reads a stored value, for reading only: {@link #state()} costs no copy of the state, and the window
   * takes no events ({@link CustomerStateCodec#decodeForReading}). To update it, {@link #decodeForUpdate}.
   *
   * @throws IllegalArgumentException when the bytes are not a stored state
   */
  public static StoredState decode(byte[] value) {
    return decode(value, true);
  }

  /**
   * Reads a stored value whose window is to take events and be encoded again.
   *
   * @throws IllegalArgumentException when the bytes are not a stored state
   */
  public static StoredState decodeForUpdate(byte[] value) {
    return decode(value, false);
  }

  private static StoredState decode(byte[] value, boolean forReading) {
    if (value == null || value.length <= HEADER_BYTES) {
      throw new IllegalArgumentException(
          "stored member state is "
              + (value == null ? "missing" : value.length + " bytes, shorter than its header"));
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    long revision = in.getLong();
    long covered = in.getLong();
    long synced = in.getLong();
    // The body is read in place: no copy of it on the read path.
    return new StoredState(
        revision,
        covered,
        synced,
        forReading
            ? CustomerStateCodec.decodeForReading(value, HEADER_BYTES)
            : CustomerStateCodec.decodeWindowed(value, HEADER_BYTES));
  }

  /**
   * The {@link CustomerStateCodec} format of a stored value (its first byte after the header), which
   * tells which build wrote it.
   *
   * @throws IllegalArgumentException when the value is not longer than its header
   */
  public static int format(byte[] value) {
    if (value.length <= HEADER_BYTES) {
      throw new IllegalArgumentException(
          "stored member state is " + value.length + " bytes, shorter than its header");
    }
    return value[HEADER_BYTES];
  }

  /** The revision bytes at the start of a stored value, as the update script compares them. */
  public static byte[] revisionBytes(long revision) {
    return ByteBuffer.allocate(Long.BYTES).putLong(revision).array();
  }

  /** The same state after one more write. */
  public StoredState next(WindowedState newState) {
    return new StoredState(revision + 1, batchCoveredUntilMillis, syncedAtMillis, newState);
  }
}
