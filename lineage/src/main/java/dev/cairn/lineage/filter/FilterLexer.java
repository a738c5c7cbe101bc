package dev.cairn.lineage.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a filter into tokens. Keywords are case-insensitive; names are case-sensitive. A path
 * segment after a dot may start with a digit ({@code properties.0.int_value}, as MLMD allows) or be
 * quoted in backticks to hold any character ({@code properties.`a:b`.string_value}).
 */
final class FilterLexer {
  private static final Set<String> KEYWORDS =
      Set.of("AND", "OR", "NOT", "IN", "LIKE", "IS", "NULL", "TRUE", "FALSE");

  private final String query;
  private int at;

  private FilterLexer(String query) {
    this.query = query;
  }

  /** The tokens of {@code query}, ending with an EOF token. */
  static List<Token> tokenize(String query) {
    return new FilterLexer(query).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (at < query.length() && Character.isWhitespace(query.charAt(at))) {
        at++;
      }
      if (at >= query.length()) {
        out.add(Token.of(Token.Kind.EOF, "", at));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() {
    int start = at;
    char c = query.charAt(at);
    if (isNameStart(c)) {
      return path(start);
    }
    if (isDigit(c) || (c == '-' || c == '.') && at + 1 < query.length() && isDigitAt(at + 1)) {
      return number(start);
    }
    switch (c) {
      case '\'', '"':
        return string(start, c);
      case '(':
        at++;
        return Token.of(Token.Kind.LPAREN, "(", start);
      case ')':
        at++;
        return Token.of(Token.Kind.RPAREN, ")", start);
      case ',':
        at++;
        return Token.of(Token.Kind.COMMA, ",", start);
      case '=':
        at++;
        if (peek('=')) {
          throw FilterErrors.at(query, start, "unexpected '==' (use '=')");
        }
        return Token.of(Token.Kind.EQ, "=", start);
      case '!':
        if (at + 1 < query.length() && query.charAt(at + 1) == '=') {
          at += 2;
          return Token.of(Token.Kind.NE, "!=", start);
        }
        break;
      case '<':
        at++;
        if (peek('=')) {
          at++;
          return Token.of(Token.Kind.LE, "<=", start);
        }
        if (peek('>')) {
          at++;
          return Token.of(Token.Kind.NE, "<>", start);
        }
        return Token.of(Token.Kind.LT, "<", start);
      case '>':
        at++;
        if (peek('=')) {
          at++;
          return Token.of(Token.Kind.GE, ">=", start);
        }
        return Token.of(Token.Kind.GT, ">", start);
      default:
        break;
    }
    throw FilterErrors.at(query, start, "unexpected character '" + c + "'");
  }

  private Token path(int start) {
    List<String> segments = new ArrayList<>();
    segments.add(word());
    while (peek('.')) {
      at++;
      if (peek('`')) {
        segments.add(backticked());
      } else if (at < query.length() && isNamePart(query.charAt(at))) {
        segments.add(word());
      } else {
        throw FilterErrors.at(query, at, "expected a name after '.'");
      }
    }
    String text = query.substring(start, at);
    String upper = text.toUpperCase(Locale.ROOT);
    if (segments.size() == 1 && KEYWORDS.contains(upper)) {
      return Token.of(Token.Kind.KEYWORD, upper, start);
    }
    return new Token(Token.Kind.PATH, text, start, segments);
  }

  private String word() {
    int start = at;
    while (at < query.length() && isNamePart(query.charAt(at))) {
      at++;
    }
    return query.substring(start, at);
  }

  private String backticked() {
    int start = at;
    at++;
    StringBuilder out = new StringBuilder();
    while (at < query.length()) {
      char c = query.charAt(at++);
      if (c == '`') {
        if (out.length() == 0) {
          throw FilterErrors.at(query, start, "empty name in backticks");
        }
        return out.toString();
      }
      if (c == '\\' && at < query.length()) {
        c = query.charAt(at++);
      }
      out.append(c);
    }
    throw FilterErrors.at(query, start, "unterminated backtick name");
  }

  private Token string(int start, char quote) {
    at++;
    StringBuilder out = new StringBuilder();
    while (at < query.length()) {
      char c = query.charAt(at++);
      if (c == quote) {
        return Token.of(Token.Kind.STRING, out.toString(), start);
      }
      if (c == '\\') {
        if (at >= query.length()) {
          break;
        }
        out.append(unescape(query.charAt(at++)));
      } else {
        out.append(c);
      }
    }
    throw FilterErrors.at(query, start, "unterminated string");
  }

  private char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case '\\', '\'', '"' -> c;
      default -> throw FilterErrors.at(query, at - 2, "unknown escape '\\" + c + "'");
    };
  }

  /**
   * Integers and decimals; a leading '-' belongs to the number since filters have no arithmetic.
   */
  private Token number(int start) {
    if (query.charAt(at) == '-') {
      at++;
    }
    boolean decimal = false;
    while (at < query.length()) {
      char c = query.charAt(at);
      if (isDigit(c)) {
        at++;
      } else if (c == '.' && !decimal) {
        decimal = true;
        at++;
      } else if ((c == 'e' || c == 'E') && exponentFollows()) {
        decimal = true;
        at += query.charAt(at + 1) == '+' || query.charAt(at + 1) == '-' ? 2 : 1;
        while (at < query.length() && isDigit(query.charAt(at))) {
          at++;
        }
        break;
      } else {
        break;
      }
    }
    if (at < query.length() && isNameStart(query.charAt(at))) {
      throw FilterErrors.at(
          query, start, "malformed number '" + query.substring(start, at + 1) + "'");
    }
    String text = query.substring(start, at);
    return Token.of(decimal ? Token.Kind.DOUBLE : Token.Kind.INTEGER, text, start);
  }

  private boolean exponentFollows() {
    int i = at + 1;
    if (i < query.length() && (query.charAt(i) == '+' || query.charAt(i) == '-')) {
      i++;
    }
    return isDigitAt(i);
  }

  private boolean isDigitAt(int i) {
    return i < query.length() && isDigit(query.charAt(i));
  }

  private boolean peek(char c) {
    return at < query.length() && query.charAt(at) == c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }
}
