package dev.treue.core.i18n;

import java.util.HashMap;
import java.util.Map;

/**
 * The German words of the codes member lists carry in their risk band and status cells (the wire
 * names of {@code RiskBand} and {@code MemberStatus}), as the dashboard's German page says them. An
 * English file keeps the codes; a German one is read by people. The one table the service's CSV and
 * the batch files share ({@link ListColumn#cell}).
 */
public enum CodeWord {
  LOW("low", "niedrig"),
  MEDIUM("medium", "mittel"),
  HIGH("high", "hoch"),
  ACTIVE("active", "aktiv"),
  LAPSED("lapsed", "abgewandert"),
  NEVER_PURCHASED("never_purchased", "noch nie gekauft");

  private static final Map<String, CodeWord> BY_CODE = new HashMap<>();

  static {
    for (CodeWord w : values()) {
      BY_CODE.put(w.code, w);
    }
  }

  private final String code;
  private final String german;

  CodeWord(String code, String german) {
    this.code = code;
    this.german = german;
  }

  /** The code on the wire and in English files: {@code never_purchased}. */
  public String code() {
    return code;
  }

  /** The code in {@code language}: the code itself in English, the German words in German. */
  public String in(Language language) {
    return language == Language.DE ? german : code;
  }

  /** A code in {@code language}; text that is no code stays as it is. */
  public static String say(Language language, String code) {
    CodeWord w = BY_CODE.get(code);
    return w == null ? code : w.in(language);
  }
}
