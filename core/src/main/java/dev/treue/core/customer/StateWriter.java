package dev.treue.core.customer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes the bytes a {@link DataOutputStream} would (big-endian numbers, modified UTF-8 strings)
 * into a growing array, without the stream's synchronized one-byte writes: the service encodes a
 * member's state on every event it folds, a byte at a time for its varints (JFR, issue 17). The
 * counterpart of {@link StateReader}.
 */
final class StateWriter {
  private byte[] data;
  private int at;

  /**
   * @param offset bytes left zero at the start, for a caller's header
   * @param expected the bytes expected after them (the array grows when more come)
   */
  StateWriter(int offset, int expected) {
    this.data = new byte[offset + Math.max(16, expected)];
    this.at = offset;
  }

  private int room(int n) {
    if (data.length - at < n) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, at + n));
    }
    int from = at;
    at += n;
    return from;
  }

  void writeByte(int v) {
    // Room first: "data[room(1)]" would take the array from before it grew.
    int p = room(1);
    data[p] = (byte) v;
  }

  void writeBoolean(boolean v) {
    writeByte(v ? 1 : 0);
  }

  void writeInt(int v) {
    int p = room(4);
    data[p] = (byte) (v >>> 24);
    data[p + 1] = (byte) (v >>> 16);
    data[p + 2] = (byte) (v >>> 8);
    data[p + 3] = (byte) v;
  }

  void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  /**
   * As {@link DataOutputStream#writeUTF}: ASCII without NUL (every id and name Treue makes) is
   * copied directly, anything else goes through the stream's own encoding, so the bytes and the
   * refusal of strings too long are the same.
   */
  void writeUTF(String s) throws IOException {
    int n = s.length();
    if (n <= 0xFFFF) {
      boolean ascii = true;
      for (int i = 0; i < n && ascii; i++) {
        char c = s.charAt(i);
        ascii = c >= 1 && c <= 0x7F;
      }
      if (ascii) {
        int p = room(2 + n);
        data[p] = (byte) (n >>> 8);
        data[p + 1] = (byte) n;
        s.getBytes(0, n, data, p + 2);
        return;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(n + 2);
    new DataOutputStream(bytes).writeUTF(s);
    byte[] encoded = bytes.toByteArray();
    int p = room(encoded.length);
    System.arraycopy(encoded, 0, data, p, encoded.length);
  }

  /** An unsigned LEB128 varint. */
  void writeVarLong(long v) {
    while ((v & ~0x7FL) != 0) {
      writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    writeByte((int) v);
  }

  void writeVarInt(int v) {
    writeVarLong(v & 0xFFFFFFFFL);
  }

  /** What was written, the offset's bytes first, as an array of exactly that length. */
  byte[] toByteArray() {
    return at == data.length ? data : Arrays.copyOf(data, at);
  }
}
