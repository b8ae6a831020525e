package dev.treue.training.registry;

/** Why a line was written to a kind's history. */
public enum HistoryAction {
  /** Made current by hand, bypassing the gate. */
  PROMOTE("promote", true),
  /** Made current again by {@code rollback}. */
  ROLLBACK("rollback", true),
  /** Published and made current by the quality gate. */
  GATE_PASS("gate-pass", true),
  /** Published, stored, but refused by the quality gate; current did not change. */
  GATE_REFUSED("gate-refused", false);

  private final String label;
  private final boolean makesCurrent;

  HistoryAction(String label, boolean makesCurrent) {
    this.label = label;
    this.makesCurrent = makesCurrent;
  }

  /** The spelling in {@code history.jsonl}. */
  public String label() {
    return label;
  }

  /** The entry's version became current. */
  public boolean makesCurrent() {
    return makesCurrent;
  }

  /** The action spelled {@code label}; fails naming the accepted spellings. */
  public static HistoryAction fromLabel(String label) {
    for (HistoryAction a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown history action '"
            + label
            + "', expected promote, rollback, gate-pass or gate-refused");
  }
}
