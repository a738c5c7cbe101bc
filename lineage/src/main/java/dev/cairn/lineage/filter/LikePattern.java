package dev.cairn.lineage.filter;

import java.util.regex.Pattern;

/**
 * A SQL LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, and a
 * backslash makes the next character literal (so the filter string {@code '50\\%'} matches "50%").
 * Matching is case-sensitive and covers the whole value.
 */
public record LikePattern(String source, Pattern regex) {
  public static LikePattern compile(String source) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < source.length()) {
        literal.append(source.charAt(++i));
      } else if (c == '%' || c == '_') {
        flush(regex, literal);
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    flush(regex, literal);
    return new LikePattern(source, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return regex.matcher(value).matches();
  }

  /** Equal when written the same; Pattern has no value equality of its own. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LikePattern other && other.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  private static void flush(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
