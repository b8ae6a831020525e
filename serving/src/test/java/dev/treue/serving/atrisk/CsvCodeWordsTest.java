package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.i18n.CodeWord;
import dev.treue.core.i18n.Language;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One wording for risk bands and statuses: the German CSV cells ({@link CodeWord}) say what the
 * dashboard's German page says ({@code band.*}, {@code status.*} of its {@code de.json}).
 */
class CsvCodeWordsTest {
  @Test
  void theGermanCsvWordsAreTheDashboards() throws IOException {
    JsonObject de;
    try (InputStream in = getClass().getResourceAsStream("/dashboard/i18n/de.json")) {
      de = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    for (CodeWord w : CodeWord.values()) {
      String key = (w.ordinal() <= CodeWord.HIGH.ordinal() ? "band." : "status.") + w.code();
      assertEquals(de.getString(key), w.in(Language.DE), key);
    }
  }
}
