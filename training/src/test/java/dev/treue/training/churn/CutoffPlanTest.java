package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cutoff planning: no cutoff before the first event, none with too few active members. */
class CutoffPlanTest {
  private static final LocalDate DATA_END = LocalDate.parse("2025-12-31");

  @Test
  void derivedTrainingCutoffsBeforeTheFirstEventAreLeftOut() {
    CutoffPlan plan = CutoffPlan.plan(List.of(), LocalDate.parse("2025-03-15"), DATA_END, 90, 12);

    assertEquals(LocalDate.parse("2025-09-30"), plan.validation());
    assertEquals(
        List.of(
            LocalDate.parse("2025-03-31"),
            LocalDate.parse("2025-04-30"),
            LocalDate.parse("2025-05-31"),
            LocalDate.parse("2025-06-30")),
        plan.training());
  }

  @Test
  void aHistoryShorterThanOneHorizonBeforeValidationIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CutoffPlan.plan(List.of(), LocalDate.parse("2025-07-15"), DATA_END, 90, 12));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
  }

  @Test
  void trainingCutoffsWithTooFewActiveMembersAreDropped() {
    CutoffPlan plan = CutoffPlan.plan(List.of(), LocalDate.MIN, DATA_END, 90, 4);
    Map<LocalDate, Long> active = allWith(plan, 500);
    active.put(plan.training().get(0), 99L);

    CutoffPlan usable = plan.withEnoughActiveMembers(active, 100, 3);

    assertEquals(plan.training().subList(1, 4), usable.training());
    assertEquals(plan.validation(), usable.validation());
  }

  @Test
  void tooFewActiveMembersAtValidationIsRefusedSayingWhatIsNeeded() {
    CutoffPlan plan = CutoffPlan.plan(List.of(), LocalDate.MIN, DATA_END, 90, 4);
    Map<LocalDate, Long> active = allWith(plan, 500);
    active.put(plan.validation(), 42L);

    NotEnoughHistoryException e =
        assertThrows(
            NotEnoughHistoryException.class, () -> plan.withEnoughActiveMembers(active, 100, 3));
    assertTrue(
        e.getMessage()
            .contains(
                "needs at least 100 active members with a complete horizon at the validation"
                    + " cutoff 2025-09-30; found 42"),
        e.getMessage());
  }

  @Test
  void tooFewUsableTrainingCutoffsIsRefusedWithFoundAndNeeded() {
    CutoffPlan plan = CutoffPlan.plan(List.of(), LocalDate.MIN, DATA_END, 90, 4);
    Map<LocalDate, Long> active = allWith(plan, 500);
    active.put(plan.training().get(0), 10L);
    active.put(plan.training().get(1), 10L);

    NotEnoughHistoryException e =
        assertThrows(
            NotEnoughHistoryException.class, () -> plan.withEnoughActiveMembers(active, 100, 3));
    assertTrue(
        e.getMessage()
            .contains(
                "Needs 3 training cutoff(s) with at least 100 active members each;"
                    + " found 2 of 4 planned"),
        e.getMessage());
  }

  private static Map<LocalDate, Long> allWith(CutoffPlan plan, long active) {
    Map<LocalDate, Long> map = new HashMap<>();
    plan.all().forEach(c -> map.put(c, active));
    return map;
  }
}
