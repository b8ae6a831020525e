package dev.treue.serving.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bundle.json} carries the activity window ({@code active_days}) the model was trained for,
 * and the bundle's window, not a rule of the service's own, decides who is scored for churn.
 */
class BundleActiveDaysTest {

  @Test
  void theWindowRoundTripsAndAnOldBundleGetsTheDefault(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("v180");
    ChurnModelBundle.write(dir, TestModels.scorer(), "logistic", 90, 0.3, 180);
    assertTrue(Files.readString(dir.resolve(ChurnModelBundle.BUNDLE)).contains("\"active_days\""));
    assertEquals(180, ChurnModelBundle.read(dir).info().activeDays());

    Path old = tmp.resolve("old");
    ChurnModelBundle.write(old, TestModels.scorer(), "logistic", 90, 0.3);
    assertEquals(MemberStatus.DEFAULT_ACTIVE_DAYS, ChurnModelBundle.read(old).info().activeDays());
    Path bundle = old.resolve(ChurnModelBundle.BUNDLE);
    Files.writeString(
        bundle, Files.readString(bundle).replaceAll(",\\s*\"active_days\" : 365", ""));
    assertEquals(
        MemberStatus.DEFAULT_ACTIVE_DAYS,
        ChurnModelBundle.read(old).info().activeDays(),
        "a bundle written before active_days existed");
    Files.writeString(bundle, Files.readString(bundle).replace("}", ", \"active_days\" : 0 }"));
    assertThrows(IOException.class, () -> ChurnModelBundle.read(old));
    assertThrows(
        IllegalArgumentException.class,
        () -> ChurnModelBundle.write(tmp.resolve("bad"), TestModels.scorer(), "l", 90, 0.3, 0));
  }

  @Test
  void theBundlesWindowDecidesTheMembersGroup(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("v30");
    ChurnModelBundle.write(dir, TestModels.scorer(), "logistic", 90, 0.3, 30);
    ChurnModelBundle.Info info = ChurnModelBundle.read(dir).info();
    int today = 19_900;
    CustomerState s =
        CustomerState.of(
            new Member("m1", today - 400, "gold", CustomerState.NONE, null, null, true));
    assertEquals(MemberStatus.NEVER_PURCHASED, info.status(s, today));
    s.apply(
        new LoyaltyEvent(
            "e1", "m1", (today - 45) * 86_400_000L, EventType.PURCHASE, 10, 0, "x", null, "app"));
    assertEquals(MemberStatus.LAPSED, info.status(s, today), "45 days ago is outside 30");
    assertEquals(MemberStatus.ACTIVE, info.status(s, today - 20));
  }
}
