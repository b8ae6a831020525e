package dev.treue.training.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.cli.UsageException;
import dev.treue.core.trigger.TriggerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpliftTriggerOptionTest {
  @Test
  void kindsAreReadFromWireNamesAllAndNone() {
    assertEquals(
        List.of(TriggerKind.FIRST_PURCHASE, TriggerKind.BIRTHDAY),
        UpliftCommand.kinds("birthday, first_purchase,birthday"));
    List<TriggerKind> all = UpliftCommand.kinds("all");
    assertEquals(TriggerKind.values().length - 1, all.size());
    assertFalse(all.contains(TriggerKind.CHURN_RISK_CROSSED));
    assertTrue(UpliftCommand.kinds("none").isEmpty());
  }

  @Test
  void anUnknownKindAndTheChurnCrossingAreRefusedByName() {
    UsageException unknown =
        assertThrows(UsageException.class, () -> UpliftCommand.kinds("first_purchase,welcome"));
    assertTrue(unknown.getMessage().contains("'welcome' is no trigger kind"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("membership_anniversary"), unknown.getMessage());
    UsageException churn =
        assertThrows(UsageException.class, () -> UpliftCommand.kinds("churn_risk_crossed"));
    assertTrue(churn.getMessage().startsWith("--trigger: churn_risk_crossed"), churn.getMessage());
  }
}
