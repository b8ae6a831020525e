package dev.treue.serving.kpis;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Numbers;
import dev.treue.core.i18n.SpreadsheetCsv;
import dev.treue.core.kpi.Kpi;
import dev.treue.core.kpi.KpiKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The KPI periods as a spreadsheet CSV, one row per period, KPIs in {@link Kpi} order, in the request's language
 * the way {@link SpreadsheetCsv} writes every export: English comma separated with decimal dots; German semicolon
 * separated with decimal commas and a UTF-8 byte order mark, so Excel set to German opens it as columns. Money has
 * two decimals; empty where the JSON has null.
 */
final class KpiCsv {
  private KpiCsv() {}

  static String of(JsonArray periods, Language language) {
    char separator = SpreadsheetCsv.separator(language);
    StringBuilder b = new StringBuilder(SpreadsheetCsv.start(language));
    b.append("period").append(separator).append("start").append(separator).append("end");
    b.append(separator).append("complete");
    for (Kpi k : Kpi.values()) {
      b.append(separator).append(k.wireName());
    }
    b.append('\n');
    for (int i = 0; i < periods.size(); i++) {
      JsonObject p = periods.getJsonObject(i);
      JsonObject kpis = p.getJsonObject("kpis", new JsonObject());
      b.append(p.getString("period", "")).append(separator).append(p.getString("start", ""));
      b.append(separator)
          .append(p.getString("end", ""))
          .append(separator)
          .append(p.getBoolean("complete", false));
      for (Kpi k : Kpi.values()) {
        b.append(separator).append(number(kpis.getValue(k.wireName()), k.kind(), language));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String number(Object value, KpiKind kind, Language language) {
    if (!(value instanceof Number n)) {
      return "";
    }
    BigDecimal d = new BigDecimal(n.toString());
    String text =
        kind == KpiKind.MONEY
            ? d.setScale(2, RoundingMode.HALF_UP).toPlainString()
            : d.stripTrailingZeros().toPlainString();
    return text.replace('.', Numbers.decimalMark(language));
  }
}
