package dev.treue.training.generate;

import java.util.SplittableRandom;

/**
 * The member's true, hidden alive state, which no file shows but {@code latent.csv}'s death date.
 * Dropout happens when the cumulative hazard passes an Exp(1) threshold: the same as surviving each
 * day with probability {@code exp(-mu * m(d))}, with one draw instead of one per day.
 */
final class Dropout {
  private double threshold;
  private double hazard;
  private boolean alive;
  private int deathDay;

  /** A new member, alive, with the threshold drawn from the member's stream. */
  void start(SplittableRandom rng) {
    threshold = -Math.log(1 - rng.nextDouble());
    hazard = 0;
    alive = true;
    deathDay = ProgrammeState.NONE;
  }

  boolean alive() {
    return alive;
  }

  /** The first day the member was dead, or {@link ProgrammeState#NONE} while alive. */
  int deathDay() {
    return deathDay;
  }

  /** The end of day {@code d}, with that day's hazard {@code mu * m(d)}: the member may drop out. */
  void endOfDay(int d, double dayHazard) {
    if (alive) {
      hazard += dayHazard;
      if (hazard > threshold) {
        alive = false;
        deathDay = d + 1;
      }
    }
  }
}
