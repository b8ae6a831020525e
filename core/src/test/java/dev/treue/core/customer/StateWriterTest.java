package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state writer writes exactly the bytes {@link DataOutputStream} writes, so states it encodes
 * are the format every reader knows, and {@link StateReader} reads them back.
 */
class StateWriterTest {
  private static final List<String> STRINGS =
      List.of(
          "",
          "c-000123",
          "Kaffee \u2615",
          "kunde-\u00fc\u00df-\ud83d\ude00",
          "nul\u0000inside",
          "\u007f\u0080",
          "x".repeat(70_000 / 2));

  @Test
  void writesWhatTheStreamWritesAndTheReaderReadsItBack() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream stream = new DataOutputStream(expected);
    // A small expected size: the array has to grow several times.
    StateWriter writer = new StateWriter(3, 1);
    stream.write(new byte[3]);
    long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L};
    double[] doubles = {0.0, -0.0, 1.5, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
    for (long v : longs) {
      stream.writeLong(v);
      writer.writeLong(v);
      stream.writeInt((int) v);
      writer.writeInt((int) v);
      stream.writeByte((int) v);
      writer.writeByte((int) v);
    }
    for (double v : doubles) {
      stream.writeDouble(v);
      writer.writeDouble(v);
    }
    stream.writeBoolean(true);
    writer.writeBoolean(true);
    stream.writeBoolean(false);
    writer.writeBoolean(false);
    for (String s : STRINGS) {
      stream.writeUTF(s);
      writer.writeUTF(s);
    }
    byte[] bytes = writer.toByteArray();
    assertArrayEquals(expected.toByteArray(), bytes);

    StateReader reader = new StateReader(bytes, 3);
    for (long v : longs) {
      assertEquals(v, reader.readLong());
      assertEquals((int) v, reader.readInt());
      assertEquals((int) v & 0xFF, reader.readUnsignedByte());
    }
    for (double v : doubles) {
      assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(reader.readDouble()));
    }
    assertEquals(true, reader.readBoolean());
    assertEquals(false, reader.readBoolean());
    for (String s : STRINGS) {
      assertEquals(s, reader.readUTF());
    }
    assertEquals(0, reader.available());
  }

  @Test
  void varintsReadBack() throws IOException {
    long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, -1L, Long.MIN_VALUE};
    StateWriter writer = new StateWriter(0, 1);
    for (long v : values) {
      writer.writeVarLong(v);
    }
    writer.writeVarInt(-5);
    StateReader reader = new StateReader(writer.toByteArray(), 0);
    for (long v : values) {
      assertEquals(v, reader.readVarLong());
    }
    assertEquals(-5, reader.readVarInt());
  }

  @Test
  void refusesTheStringsTheStreamRefuses() {
    for (String tooLong : List.of("y".repeat(65_536), "\u00e9".repeat(40_000))) {
      assertThrows(
          UTFDataFormatException.class,
          () -> new DataOutputStream(new ByteArrayOutputStream()).writeUTF(tooLong));
      assertThrows(UTFDataFormatException.class, () -> new StateWriter(0, 16).writeUTF(tooLong));
    }
  }

  @Test
  void anEncodedStateLeavesTheHeaderRoomZero() {
    CustomerState s = new CustomerState("m-1");
    byte[] plain = CustomerStateCodec.encode(WindowedState.settled(s));
    byte[] behind = CustomerStateCodec.encode(WindowedState.settled(s), 24);
    assertArrayEquals(new byte[24], Arrays.copyOf(behind, 24));
    assertArrayEquals(plain, Arrays.copyOfRange(behind, 24, behind.length));
  }
}
