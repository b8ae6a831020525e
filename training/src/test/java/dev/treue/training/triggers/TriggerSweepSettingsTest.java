package dev.treue.training.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.UsageException;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TenantTriggerSettings;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's settings: the service's config file for a tenant, and the options on top. */
class TriggerSweepSettingsTest {
  @TempDir Path dir;

  private Path config(String json) throws Exception {
    Path file = dir.resolve("treue.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void aTenantsKindsGoOnTopOfEveryTenantsAsTheServiceReadsThem() throws Exception {
    Path file =
        config(
            """
            {"port": 8080,
             "triggers": {"*": {"became_lapsed": {"enabled": true},
                                "points_expiring": {"enabled": true, "within_days": 14}},
                          "acme": {"points_expiring": {"enabled": false},
                                   "tier_downgrade_ahead": {"enabled": true, "within_days": 45}}},
             "holdouts": {"acme": {"share": 0.1}, "globex": {"share": 0.05, "salt": "2026"}},
             "trigger_stream_max_length": 5000}
            """);
    TenantTriggerSettings acme = TenantTriggerConfig.read(file, "acme");
    assertEquals(
        Set.of(TriggerKind.BECAME_LAPSED, TriggerKind.TIER_DOWNGRADE_AHEAD),
        acme.triggers().enabled());
    assertEquals(14, acme.triggers().pointsExpiringDays());
    assertEquals(45, acme.triggers().downgradeAheadDays());
    assertEquals(Holdout.of(0.1, "acme"), acme.holdout());
    assertEquals(5000L, acme.streamMaxLength());

    TenantTriggerSettings other = TenantTriggerConfig.read(file, "initech");
    assertEquals(
        Set.of(TriggerKind.BECAME_LAPSED, TriggerKind.POINTS_EXPIRING), other.triggers().enabled());
    assertEquals(30, other.triggers().downgradeAheadDays());
    assertEquals(Holdout.NONE, other.holdout());
    assertEquals(Holdout.of(0.05, "2026"), TenantTriggerConfig.read(file, "globex").holdout());
  }

  @Test
  void aWrongValueIsNamed() throws Exception {
    String bad =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TenantTriggerConfig.read(
                        config(
                            "{\"triggers\": {\"acme\": {\"points_expiring\": {\"within_days\": 0}}}}"),
                        "acme"))
            .getMessage();
    assertTrue(bad.contains("triggers.acme.points_expiring.within_days"), bad);
    String share =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TenantTriggerConfig.read(
                        config("{\"holdouts\": {\"acme\": {\"share\": 1.5}}}"), "acme"))
            .getMessage();
    assertTrue(share.contains("holdouts.acme.share"), share);
    // The service's rule, not a copy: it refuses what the service refuses, also for other tenants.
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TenantTriggerConfig.read(
                        config(
                            "{\"holdouts\": {\"globex\": {\"share\": 0.1, \"sault\": \"x\"}},"
                                + " \"triggers\": {\"Bad Tenant\": {},"
                                + " \"globex\": {\"points_expiring\": {\"within_days\": 0}}}}"),
                        "acme"))
            .getMessage();
    assertTrue(
        unknown.contains("holdouts.globex.sault: unknown field")
            && unknown.contains("triggers.Bad Tenant: 'Bad Tenant' is not a tenant id")
            && unknown.contains("triggers.globex.points_expiring.within_days"),
        unknown);
  }

  @Test
  void kindsReplaceTheSwitchesAndRefuseEventDrivenKinds() {
    TriggerSweepCommand command = new TriggerSweepCommand();
    TriggerSettings base =
        TriggerSettings.DEFAULTS
            .with(TriggerKind.BECAME_LAPSED, true)
            .with(TriggerKind.FIRST_PURCHASE, true);
    TriggerSettings s =
        TriggerSweepCommand.settings(
            Arguments.parse(
                command,
                List.of(
                    "--data",
                    "d",
                    "--kinds",
                    "points_expiring,membership_anniversary",
                    "--points-expiring-within-days",
                    "7")),
            base);
    assertTrue(s.on(TriggerKind.POINTS_EXPIRING));
    assertTrue(s.on(TriggerKind.MEMBERSHIP_ANNIVERSARY));
    assertFalse(s.on(TriggerKind.BECAME_LAPSED));
    assertEquals(7, s.pointsExpiringDays());

    String refused =
        assertThrows(
                UsageException.class,
                () ->
                    TriggerSweepCommand.settings(
                        Arguments.parse(
                            command, List.of("--data", "d", "--kinds", "first_purchase")),
                        base))
            .getMessage();
    assertTrue(refused.contains("first_purchase is event-driven"), refused);
  }
}
