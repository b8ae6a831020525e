package dev.treue.core.customer;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The compact binary form of a {@link CustomerState}, as the feature cache stores it. Every field
 * round-trips exactly (doubles bit for bit), so features computed from a decoded state equal those of
 * the original. Day buckets are delta-coded varints with a two-bit kind per counter (zero, small
 * whole number, double): a typical member with a year of activity fits in well under a kilobyte.
 *
 * <p>Format 3 adds the spend of the categories beyond the kept ones and the {@link WindowedState}'s
 * horizon and raw recent events. The first byte is the format version; a reader refuses versions it
 * does not know rather than guessing. States of formats 1 and 2 still read, as fully settled windows
 * ({@link WindowedState#settled}). Format 4 adds the birth date, last; states of format 3 read with
 * none.
 */
public final class CustomerStateCodec {
  /**
   * The format this class writes; it also reads 1 (no offer history), 2 (no window) and 3 (no birth
   * date).
   */
  public static final int FORMAT = 4;

  /**
   * The first format with a {@link WindowedState}'s horizon and raw events; older states read as
   * fully settled windows. Builds that write it keep seen event ids in the window, not in a set of
   * their own beside the state.
   */
  public static final int FIRST_WINDOWED_FORMAT = 3;

  private static final int ZERO = 0;
  private static final int WHOLE = 1;
  private static final int REAL = 2;

  private CustomerStateCodec() {}

  /** The state as bytes, with every event settled ({@link WindowedState#settled}). */
  public static byte[] encode(CustomerState s) {
    return encode(WindowedState.settled(s));
  }

  /**
   * The windowed state as bytes.
   *
   * @throws IllegalStateException for a state decoded for reading only, whose settled part holds its window
   */
  public static byte[] encode(WindowedState w) {
    return encode(w, 0);
  }

  /**
   * The windowed state's bytes from {@code offset} on, the first {@code offset} bytes left zero for
   * the caller's header (the stored state's), so the body need not be copied behind it.
   *
   * @throws IllegalStateException for a state decoded for reading only
   */
  public static byte[] encode(WindowedState w, int offset) {
    if (w.isReadOnly()) {
      throw new IllegalStateException(
          "a state decoded for reading cannot be encoded; decode it for an update");
    }
    CustomerState s = w.settled;
    StateWriter out = new StateWriter(offset, 256 + 24 * s.days.size() + 48 * w.window.size());
    try {
      out.writeByte(FORMAT);
      out.writeUTF(s.customerId);
      writeDays(out, s.signupDay, s.tierRank, s.previousTierRank, s.lastDowngradeDay);
      writeNullable(out, s.segment);
      writeDays(out, s.firstPurchaseDay, s.lastPurchaseDay);
      writeVarLong(out, s.purchases);
      out.writeDouble(s.spend);
      out.writeDouble(s.returnAmount);
      writeVarLong(out, s.returns);
      writeVarLong(out, s.purchaseDays);
      writeVarLong(out, s.gapCount);
      out.writeDouble(s.gapMean);
      out.writeDouble(s.gapM2);
      writeVarInt(out, s.lastGap);
      out.writeLong(s.pointsBalance);
      writeVarInt(out, s.pointLots.count());
      for (int i = 0; i < s.pointLots.count(); i++) {
        out.writeInt(s.pointLots.day(i));
        out.writeLong(s.pointLots.points(i));
      }
      writeVarLong(out, s.redemptions);
      writeDays(out, s.lastRedemptionDay);
      writeVarLong(out, s.offersSent);
      writeVarLong(out, s.offersRedeemed);
      writeDays(out, s.lastEngagementDay, s.lastAppSessionDay, s.lastEmailOpenDay);
      writeVarInt(out, s.categorySpend.size());
      for (int i = 0; i < s.categorySpend.size(); i++) {
        out.writeUTF(s.categorySpend.name(i));
        out.writeDouble(s.categorySpend.spend(i));
      }
      out.writeDouble(s.otherCategorySpend);
      writeVarInt(out, s.offerHistory.size());
      for (int i = 0; i < s.offerHistory.size(); i++) {
        OfferHistory h = s.offerHistory.history(i);
        out.writeUTF(s.offerHistory.id(i));
        writeVarInt(out, h.sent);
        out.writeInt(h.lastSentDay);
        writeVarInt(out, h.redeemed);
        out.writeInt(h.lastRedeemedDay);
      }
      writeBuckets(out, s);
      out.writeInt(s.latestDay);
      out.writeLong(s.lastEventMillis);
      writeWindow(out, w);
      out.writeInt(s.birthDay);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the state of " + s.customerId, e);
    }
    return out.toByteArray();
  }

  /**
   * The state the bytes describe.
   *
   * @throws IllegalArgumentException when the bytes are not a state in a known format
   */
  public static CustomerState decode(byte[] data) {
    return decodeForReading(data).view();
  }

  /**
   * The windowed state the bytes describe, for reading only: its view is made without a copy, and it
   * takes no events and cannot be encoded ({@link WindowedState#isReadOnly}).
   *
   * @throws IllegalArgumentException when the bytes are not a state in a known format
   */
  public static WindowedState decodeForReading(byte[] data) {
    return decodeForReading(data, 0);
  }

  /**
   * {@link #decodeForReading(byte[])} of the bytes from {@code offset} to the end, so a caller whose
   * value carries a header (the stored state) need not copy the body out first.
   */
  public static WindowedState decodeForReading(byte[] data, int offset) {
    return decodeWindowed(data, offset).readOnly();
  }

  /**
   * The windowed state the bytes describe, to offer events to and encode again.
   *
   * @throws IllegalArgumentException when the bytes are not a state in a known format
   */
  public static WindowedState decodeWindowed(byte[] data) {
    return decodeWindowed(data, 0);
  }

  /** {@link #decodeWindowed(byte[])} of the bytes from {@code offset} to the end. */
  public static WindowedState decodeWindowed(byte[] data, int offset) {
    try {
      StateReader in = new StateReader(data, offset);
      int format = in.readUnsignedByte();
      // Format 1 is format 2 without the offer history, 2 is 3 without the window, 3 is 4 without
      // the birth date: older states still read.
      if (format < 1 || format > FORMAT) {
        throw new IllegalArgumentException(
            "customer state format " + format + " is not known (this build reads " + FORMAT + ")");
      }
      CustomerState s = new CustomerState(in.readUTF());
      s.signupDay = in.readInt();
      s.tierRank = in.readInt();
      s.previousTierRank = in.readInt();
      s.lastDowngradeDay = in.readInt();
      s.segment = readNullable(in);
      s.firstPurchaseDay = in.readInt();
      s.lastPurchaseDay = in.readInt();
      s.purchases = in.readVarLong();
      s.spend = in.readDouble();
      s.returnAmount = in.readDouble();
      s.returns = in.readVarLong();
      s.purchaseDays = in.readVarLong();
      s.gapCount = in.readVarLong();
      s.gapMean = in.readDouble();
      s.gapM2 = in.readDouble();
      s.lastGap = in.readVarInt();
      s.pointsBalance = in.readLong();
      for (int i = in.readVarInt(); i > 0; i--) {
        s.pointLots.put(in.readInt(), in.readLong());
      }
      s.redemptions = in.readVarLong();
      s.lastRedemptionDay = in.readInt();
      s.offersSent = in.readVarLong();
      s.offersRedeemed = in.readVarLong();
      s.lastEngagementDay = in.readInt();
      s.lastAppSessionDay = in.readInt();
      s.lastEmailOpenDay = in.readInt();
      for (int i = in.readVarInt(); i > 0; i--) {
        s.categorySpend.put(in.readUTF(), in.readDouble());
      }
      if (format >= 3) {
        s.otherCategorySpend = in.readDouble();
      } else {
        s.trimCategories();
      }
      for (int i = format == 1 ? 0 : in.readVarInt(); i > 0; i--) {
        String offerId = in.readUTF();
        s.offerHistory.put(
            offerId,
            new OfferHistory(in.readVarInt(), in.readInt(), in.readVarInt(), in.readInt()));
      }
      readBuckets(in, s);
      s.latestDay = in.readInt();
      s.lastEventMillis = in.readLong();
      WindowedState w =
          format >= FIRST_WINDOWED_FORMAT ? readWindow(in, s) : WindowedState.settled(s);
      if (format >= 4) {
        s.birthDay = in.readInt();
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "customer state has " + in.available() + " trailing bytes");
      }
      return w;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "customer state bytes are truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private static void writeWindow(StateWriter out, WindowedState w) throws IOException {
    out.writeLong(w.horizonMillis);
    writeNullable(out, w.horizonId);
    writeVarInt(out, w.window.size());
    for (LoyaltyEvent e : w.window) {
      out.writeUTF(e.eventId());
      out.writeLong(e.tsMillis());
      out.writeByte(e.type().ordinal());
      out.writeDouble(e.amount());
      writeVarLong(out, e.points());
      writeNullable(out, e.category());
      writeNullable(out, e.offerId());
    }
  }

  private static WindowedState readWindow(StateReader in, CustomerState s) throws IOException {
    WindowedState w = new WindowedState(s, in.readLong(), readNullable(in));
    EventType[] types = EventType.values();
    for (int i = in.readVarInt(); i > 0; i--) {
      String id = in.readUTF();
      long ts = in.readLong();
      int type = in.readUnsignedByte();
      if (type >= types.length) {
        throw new IOException("unknown event type " + type + " in the window");
      }
      // The channel plays no part in the fold, so the window does not keep it.
      w.window.add(
          new LoyaltyEvent(
              id,
              s.customerId,
              ts,
              types[type],
              in.readDouble(),
              in.readVarLong(),
              readNullable(in),
              readNullable(in),
              null));
    }
    return w;
  }

  private static void writeDays(StateWriter out, int... days) throws IOException {
    for (int d : days) {
      out.writeInt(d);
    }
  }

  private static void writeBuckets(StateWriter out, CustomerState s) throws IOException {
    writeVarInt(out, s.days.size());
    int previous = 0;
    boolean first = true;
    DayBuckets days = s.days;
    for (int i = 0; i < days.size(); i++) {
      int day = days.day(i);
      if (first) {
        out.writeInt(day);
        first = false;
      } else {
        writeVarInt(out, day - previous);
      }
      previous = day;
      int kinds = 0;
      for (int c = 0; c < DailyCounter.COUNT; c++) {
        kinds |= kind(days.get(i, c)) << (2 * c);
      }
      writeVarInt(out, kinds);
      for (int c = 0; c < DailyCounter.COUNT; c++) {
        double v = days.get(i, c);
        switch (kind(v)) {
          case WHOLE -> writeVarLong(out, (long) v);
          case REAL -> out.writeDouble(v);
          default -> {}
        }
      }
    }
  }

  private static void readBuckets(StateReader in, CustomerState s) throws IOException {
    int count = in.readVarInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("bucket count " + count + " exceeds the bytes left");
    }
    s.days = new DayBuckets(count);
    int day = 0;
    double[] values = new double[DailyCounter.COUNT];
    for (int i = 0; i < count; i++) {
      day = i == 0 ? in.readInt() : day + in.readVarInt();
      int kinds = in.readVarInt();
      for (int c = 0; c < values.length; c++) {
        switch ((kinds >>> (2 * c)) & 3) {
          case ZERO -> values[c] = 0;
          case WHOLE -> values[c] = in.readVarLong();
          case REAL -> values[c] = in.readDouble();
          default -> throw new IOException("unknown counter kind on day " + day);
        }
      }
      if (i > 0 && day <= s.days.day(i - 1)) {
        throw new IOException("day buckets out of order at day " + day);
      }
      s.days.append(day, values);
    }
  }

  /** Whole numbers that a long holds exactly go as varints; -0.0 and fractions as raw doubles. */
  private static int kind(double v) {
    if (Double.doubleToRawLongBits(v) == 0L) {
      return ZERO;
    }
    if (v > 0 && v < 1e15 && v == Math.rint(v)) {
      return WHOLE;
    }
    return REAL;
  }

  private static void writeNullable(StateWriter out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(StateReader in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeVarInt(StateWriter out, int v) {
    out.writeVarInt(v);
  }

  private static void writeVarLong(StateWriter out, long v) {
    out.writeVarLong(v);
  }
}
