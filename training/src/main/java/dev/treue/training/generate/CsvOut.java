package dev.treue.training.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable ASCII line buffer with fast number formatting (no {@code String.format} or boxing in
 * the hot loop). Each worker fills one per output file per block; the writer copies it out in
 * member order.
 */
final class CsvOut {
  private byte[] buf;
  private int len;

  CsvOut(int capacity) {
    buf = new byte[Math.max(capacity, 64)];
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  CsvOut bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  CsvOut text(String s) {
    return bytes(ascii(s));
  }

  CsvOut ch(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  CsvOut comma() {
    return ch(',');
  }

  CsvOut newline() {
    return ch('\n');
  }

  /** A non-negative or negative whole number. */
  CsvOut number(long v) {
    ensure(21);
    if (v < 0) {
      buf[len++] = '-';
      if (v == Long.MIN_VALUE) {
        return text("9223372036854775808");
      }
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    reverse(start, len - 1);
    return this;
  }

  /** A non-negative whole number left-padded with zeros to {@code width} digits. */
  CsvOut padded(long v, int width) {
    ensure(Math.max(width, 20));
    int start = len;
    int digits = 0;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
      digits++;
    } while (v > 0);
    while (digits++ < width) {
      buf[len++] = '0';
    }
    reverse(start, len - 1);
    return this;
  }

  /** Two digits, 0..99, zero padded (times of day). */
  CsvOut two(int v) {
    ensure(2);
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
    return this;
  }

  /** Money in cents as a decimal with two places, e.g. 1234 as {@code 12.34}. */
  CsvOut cents(long cents) {
    if (cents < 0) {
      ch('-');
      cents = -cents;
    }
    number(cents / 100);
    ch('.');
    return two((int) (cents % 100));
  }

  /** A non-negative double with a fixed number of decimals (at most 15 significant digits). */
  CsvOut fixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return text("NaN");
    }
    if (v < 0) {
      ch('-');
      v = -v;
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long scaled = Math.round(v * scale);
    number(scaled / scale);
    if (decimals > 0) {
      ch('.');
      padded(scaled % scale, decimals);
    }
    return this;
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  int length() {
    return len;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.US_ASCII);
  }
}
