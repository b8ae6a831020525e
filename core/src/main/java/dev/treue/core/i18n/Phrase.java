package dev.treue.core.i18n;

/**
 * A phrase of a table of words in every {@link Language} ({@code {0}}, {@code {1}}... are filled
 * with quantities already in words). Each table is an enum of these, so a test can check that every
 * phrase has every language.
 */
public interface Phrase {
  /** The wording in {@code language}. */
  String wording(Language language);

  /** The wording in {@code language} with {@code {i}} replaced by {@code args[i]}. */
  default String fill(Language language, String... args) {
    String text = wording(language);
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{'
          && i + 2 < text.length()
          && Character.isDigit(text.charAt(i + 1))
          && text.charAt(i + 2) == '}') {
        out.append(args[text.charAt(i + 1) - '0']);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
