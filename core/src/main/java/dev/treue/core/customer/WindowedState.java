package dev.treue.core.customer;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.event.LoyaltyEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A member's {@link CustomerState} that accepts events in any order within a lateness bound and
 * still equals the state of folding them in time order ({@link LoyaltyEvent#REPLAY_ORDER}:
 * timestamp, ties by event id; never arrival).
 *
 * <p>It keeps the member's most recent events raw in a window, sorted in replay order, on top of a
 * settled state that holds every older event folded in replay order. An arriving event is inserted
 * at its place in the window; the {@link #view()} is the settled state with the window folded on
 * top. The oldest window events settle (are folded into the settled state for good) once they are
 * more than {@link #WINDOW_DAYS} days older than the member's latest event or once the window holds
 * more than {@link #WINDOW_EVENTS} events. The settled part is therefore always the events up to one
 * key in replay order, the horizon, and the window is the largest suffix within both bounds; both
 * depend only on the set of events folded, not on their arrival order.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>An event is folded exactly as in time order when, on arrival, it is no more than
 *       {@link #WINDOW_DAYS} days older than the latest event folded and fewer than
 *       {@link #WINDOW_EVENTS} folded events are later than it. Otherwise it may be
 *       {@link Outcome#TOO_LATE}: not folded and not remembered.
 *   <li>Nothing is counted twice: an id in the window is a {@link Outcome#DUPLICATE}; an event at or
 *       before the horizon is too late, whether or not it was folded before. (An id identifies one
 *       event, and a retry carries the same timestamp.)
 *   <li>An event whose fold would take a sum out of range ({@link CustomerState#refusal}) is
 *       {@link Outcome#OUT_OF_RANGE} and changes nothing.
 * </ul>
 *
 * <p>Not thread safe.
 */
public final class WindowedState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Events this many days older than the member's latest event settle. */
  public static final int WINDOW_DAYS = 35;

  /** At most this many events are kept raw; beyond it the oldest settle. */
  public static final int WINDOW_EVENTS = 64;

  private static final long WINDOW_MILLIS = WINDOW_DAYS * DAY_MILLIS;

  /**
   * Offers answered by comparing the window's ids one by one before the set of them is built. The
   * service offers a decoded state one event (a post's events for the member, usually one): hashing
   * every id of the window into a set for that one lookup took about 4% of an event's CPU samples
   * (2026-12-07), where a scan of at most {@value #WINDOW_EVENTS} ids compares lengths first and
   * allocates nothing. A post of many events for one member (a backfill) gets the set: decoding a
   * 64-event window, offering it 100 events and encoding it took 43 us with the set and 105 us
   * scanning every time (2026-12-07).
   */
  private static final int SCANNED_OFFERS = 4;

  /** What happened to one offered event. */
  public enum Outcome {
    /** Folded. */
    ACCEPTED,
    /** Its id is in the window (or it is the last settled event): not counted again. */
    DUPLICATE,
    /** At or before the horizon: folding it now would not be time order, so it is not folded. */
    TOO_LATE,
    /** Folding it would take a sum out of range; see {@link CustomerState#refusal}. */
    OUT_OF_RANGE
  }

  final CustomerState settled;

  /** Replay key of the last settled event; {@code horizonId} null means every id at that instant. */
  long horizonMillis;

  String horizonId;
  final List<LoyaltyEvent> window = new ArrayList<>();

  /** The window's ids when built ({@link #ids}); null until then, and then kept in step. */
  private transient Set<String> windowIds;

  /** Offers made to this instance, for {@link #SCANNED_OFFERS}. */
  private transient int offers;

  private transient CustomerState view;
  private transient String lastRefusal;

  /** Set by {@link #readOnly}: the window is folded into {@link #settled}, which is then the view. */
  private boolean readOnly;

  WindowedState(CustomerState settled, long horizonMillis, String horizonId) {
    this.settled = settled;
    this.horizonMillis = horizonMillis;
    this.horizonId = horizonId;
  }

  /** An empty window over a fresh state (for a member first seen through events or a replay). */
  public static WindowedState of(CustomerState fresh) {
    return new WindowedState(fresh, Long.MIN_VALUE, "");
  }

  /**
   * A state whose events are all settled, e.g. one built before windows existed: every event at or
   * before its latest event is too late.
   */
  public static WindowedState settled(CustomerState state) {
    return new WindowedState(state, state.lastEventMillis(), null);
  }

  /**
   * A state holding every event before {@code untilMillis}, all settled, as a batch load writes it:
   * events before that instant are too late (the load answers for them), later ones start the window.
   * The common case of a read then costs no window fold and no copy.
   */
  public static WindowedState settled(CustomerState state, long untilMillis) {
    return new WindowedState(
        state, untilMillis == Long.MIN_VALUE ? Long.MIN_VALUE : untilMillis - 1, null);
  }

  /**
   * Offers one event; see the class guarantees.
   *
   * @throws IllegalStateException on a {@link #readOnly} state
   */
  public Outcome offer(LoyaltyEvent e) {
    if (readOnly) {
      throw new IllegalStateException(
          "a state decoded for reading takes no events; decode it for an update");
    }
    lastRefusal = null;
    int order = compareToHorizon(e);
    if (order < 0 || order == 0 && horizonId == null) {
      return Outcome.TOO_LATE;
    }
    if (order == 0 || inWindow(e.eventId())) {
      return Outcome.DUPLICATE;
    }
    int at = Collections.binarySearch(window, e, LoyaltyEvent.REPLAY_ORDER);
    at = at >= 0 ? at : -at - 1;
    CustomerState current = view();
    if (at == window.size()) {
      if (current == settled) {
        // The view of an empty window is the settled state itself: never fold a window event into
        // it.
        current = settled.copy();
      }
      lastRefusal = current.applyUnlessRefused(e);
      if (lastRefusal != null) {
        return Outcome.OUT_OF_RANGE;
      }
      view = current;
      window.add(e);
    } else {
      window.add(at, e);
      CustomerState trial = settled.copy();
      for (LoyaltyEvent w : window) {
        lastRefusal = trial.applyUnlessRefused(w);
        if (lastRefusal != null) {
          window.remove(at);
          if (w != e) {
            lastRefusal = lastRefusal + " (folding " + e.eventId() + " before " + w.eventId() + ")";
          }
          return Outcome.OUT_OF_RANGE;
        }
      }
      view = trial;
    }
    if (windowIds != null) {
      windowIds.add(e.eventId());
    }
    settle();
    return Outcome.ACCEPTED;
  }

  /** The reason of the last {@link Outcome#OUT_OF_RANGE}, naming the field, or null. */
  public String lastRefusal() {
    return lastRefusal;
  }

  /**
   * The member's state: every folded event in time order. Shared (with an empty window it is the
   * settled state itself): copy before changing it.
   */
  public CustomerState view() {
    if (view == null) {
      if (window.isEmpty()) {
        view = settled;
      } else {
        CustomerState v = settled.copy();
        for (LoyaltyEvent e : window) {
          v.apply(e);
        }
        view = v;
      }
    }
    return view;
  }

  /**
   * Makes the view without a copy, for readers: the window is folded into the settled state itself,
   * which becomes the view. The state can then no longer take events ({@link #offer}) nor be encoded;
   * reads cost a decode and the fold of the window's few events, as before windows existed.
   *
   * @return this
   */
  WindowedState readOnly() {
    if (!readOnly) {
      for (LoyaltyEvent e : window) {
        settled.apply(e);
      }
      view = settled;
      readOnly = true;
    }
    return this;
  }

  /** True for a state decoded for reading only ({@link CustomerStateCodec#decodeForReading}). */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** Events kept raw, in replay order, read only. */
  public List<LoyaltyEvent> window() {
    return Collections.unmodifiableList(window);
  }

  /** Timestamp of the last settled event ({@link Long#MIN_VALUE} when none). */
  public long horizonMillis() {
    return horizonMillis;
  }

  private void settle() {
    long latest = window.get(window.size() - 1).tsMillis();
    while (window.size() > WINDOW_EVENTS || window.get(0).tsMillis() < latest - WINDOW_MILLIS) {
      LoyaltyEvent oldest = window.remove(0);
      settled.apply(oldest);
      if (windowIds != null) {
        windowIds.remove(oldest.eventId());
      }
      horizonMillis = oldest.tsMillis();
      horizonId = oldest.eventId();
    }
  }

  private int compareToHorizon(LoyaltyEvent e) {
    if (e.tsMillis() != horizonMillis) {
      return Long.compare(e.tsMillis(), horizonMillis);
    }
    return horizonId == null ? 0 : e.eventId().compareTo(horizonId);
  }

  /** True when an event of the window has this id. */
  private boolean inWindow(String eventId) {
    if (windowIds == null && offers++ < SCANNED_OFFERS) {
      for (LoyaltyEvent w : window) {
        if (w.eventId().equals(eventId)) {
          return true;
        }
      }
      return false;
    }
    return ids().contains(eventId);
  }

  private Set<String> ids() {
    if (windowIds == null) {
      windowIds = new HashSet<>();
      for (LoyaltyEvent e : window) {
        windowIds.add(e.eventId());
      }
    }
    return windowIds;
  }
}
