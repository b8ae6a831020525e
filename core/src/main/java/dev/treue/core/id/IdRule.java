package dev.treue.core.id;

import java.util.regex.Pattern;

/**
 * The id rules of the data contract, used by the importers, the Redis key builder and the service
 * (whose OpenAPI contract must spell the same patterns; it checks that at start-up). A value is
 * checked whole with {@link java.util.regex.Matcher#matches()}: never trimmed, and a trailing line
 * break is not "the end" as {@code $} would allow.
 */
public enum IdRule {
  /** Member ids: they are a Redis key segment. */
  MEMBER(Regex.KEY_SEGMENT, Regex.KEY_SEGMENT_TEXT),
  /** Offer ids: a Redis key segment too, so the member rule. */
  OFFER(Regex.KEY_SEGMENT, Regex.KEY_SEGMENT_TEXT),
  /** Event ids: longer, and ':' is allowed (sources often prefix a system name). */
  EVENT(Regex.TOKEN, Regex.TOKEN_TEXT),
  /** A caller's request id for an idempotent request: the event id rule. */
  REQUEST(Regex.TOKEN, Regex.TOKEN_TEXT),
  /** Tenant ids: the tenant segment of every Redis key, and a configuration's tenant names. */
  TENANT(Regex.TENANT, Regex.TENANT_TEXT);

  private final Pattern pattern;
  private final String description;
  // The same rule as two ASCII tables, checked by hand: every request checks a few ids, and a
  // Matcher per check was 1% of what a scoring request allocates (IdRuleTest holds the two equal).
  private final boolean[] first = new boolean[128];
  private final boolean[] rest = new boolean[128];

  IdRule(String regex, String description) {
    this.pattern = Pattern.compile(regex);
    this.description = description;
    for (char c = 0; c < 128; c++) {
      String one = String.valueOf(c);
      first[c] = pattern.matcher(one).matches();
      rest[c] = pattern.matcher("a" + one).matches() || pattern.matcher("0" + one).matches();
    }
  }

  /** True when the whole text is a valid id (null is not). */
  public boolean accepts(String id) {
    if (id == null || id.isEmpty() || id.length() > maxLength()) {
      return false;
    }
    char c = id.charAt(0);
    if (c >= 128 || !first[c]) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      c = id.charAt(i);
      if (c >= 128 || !rest[c]) {
        return false;
      }
    }
    return true;
  }

  /** The rule as a regular expression without anchors (it is always matched whole). */
  public String regex() {
    return pattern.pattern();
  }

  /** The rule in words, for messages. */
  public String description() {
    return description;
  }

  /** The longest valid id. */
  public int maxLength() {
    return this == TENANT ? 32 : this == MEMBER || this == OFFER ? 64 : 128;
  }

  private static final class Regex {
    static final String KEY_SEGMENT = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String KEY_SEGMENT_TEXT =
        "1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
    static final String TOKEN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    static final String TOKEN_TEXT =
        "1 to 128 characters from A-Z, a-z, 0-9, '.', '_', ':' and '-', starting with a letter or digit";

    static final String TENANT = "[a-z0-9][a-z0-9_-]{0,31}";
    static final String TENANT_TEXT =
        "1 to 32 characters from a-z, 0-9, '_' and '-', starting with a letter or digit";

    private Regex() {}
  }
}
