package dev.treue.core.customer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link java.io.DataOutputStream} wrote, straight from the byte array: the same
 * big-endian numbers and modified UTF-8 strings as {@link DataInputStream}, without its stream
 * objects and buffers. The service decodes a state for every request, so those were garbage on
 * the scoring path (JFR allocation profile, issue 17). Reading past the end throws
 * {@link EOFException}, as the stream does.
 */
final class StateReader {
  private final byte[] data;
  private final int end;
  private int at;

  StateReader(byte[] data, int offset) {
    this.data = data;
    this.at = offset;
    this.end = data.length;
  }

  /** Bytes not read yet. */
  int available() {
    return end - at;
  }

  private int need(int n) throws EOFException {
    if (end - at < n) {
      throw new EOFException("needs " + n + " more bytes, " + (end - at) + " left");
    }
    int from = at;
    at += n;
    return from;
  }

  int readUnsignedByte() throws EOFException {
    return data[need(1)] & 0xFF;
  }

  boolean readBoolean() throws EOFException {
    return readUnsignedByte() != 0;
  }

  int readInt() throws EOFException {
    int p = need(4);
    return (data[p] & 0xFF) << 24
        | (data[p + 1] & 0xFF) << 16
        | (data[p + 2] & 0xFF) << 8
        | data[p + 3] & 0xFF;
  }

  long readLong() throws EOFException {
    long high = readInt();
    return high << 32 | readInt() & 0xFFFFFFFFL;
  }

  double readDouble() throws EOFException {
    return Double.longBitsToDouble(readLong());
  }

  /**
   * A string {@link java.io.DataOutputStream#writeUTF} wrote: ASCII (every id and name Treue makes)
   * is read directly, anything else by {@link DataInputStream#readUTF} over the same bytes, so
   * malformed input fails the same way.
   */
  String readUTF() throws IOException {
    int length = (data[need(2)] & 0xFF) << 8 | data[at - 1] & 0xFF;
    int from = need(length);
    for (int i = from; i < from + length; i++) {
      if (data[i] <= 0) {
        // Negative: a multi-byte sequence; zero never appears in modified UTF-8 (it is 0xC0 0x80).
        return new DataInputStream(new ByteArrayInputStream(data, from - 2, length + 2)).readUTF();
      }
    }
    return new String(data, from, length, StandardCharsets.ISO_8859_1);
  }

  /** An unsigned LEB128 varint of at most 64 bits. */
  long readVarLong() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint longer than 64 bits");
  }

  int readVarInt() throws IOException {
    return (int) readVarLong();
  }
}
