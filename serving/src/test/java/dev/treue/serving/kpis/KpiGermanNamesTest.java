package dev.treue.serving.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.i18n.Language;
import dev.treue.core.kpi.Kpi;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One wording for KPI names: the German KPI CSV's column names ({@link Kpi#header}) are the
 * dashboard's German KPI labels ({@code kpi.*} of its {@code de.json}).
 */
class KpiGermanNamesTest {
  @Test
  void theGermanCsvColumnsAreTheDashboardsKpiNames() throws IOException {
    JsonObject de;
    try (InputStream in = getClass().getResourceAsStream("/dashboard/i18n/de.json")) {
      de = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    for (Kpi k : Kpi.values()) {
      assertEquals(de.getString("kpi." + k.wireName()), k.header(Language.DE), k.wireName());
      assertEquals(k.wireName(), k.header(Language.EN));
    }
  }
}
