package dev.cairn.lineage.filter;

import java.util.List;

/**
 * One lexical token of a filter.
 *
 * @param kind what the token is
 * @param text the token as written (keywords upper-cased, strings unquoted and unescaped)
 * @param position the 0-based offset of the token's first character in the query
 * @param path for {@link Kind#PATH}, the dot-separated segments with backticks removed
 */
record Token(Token.Kind kind, String text, int position, List<String> path) {
  enum Kind {
    /** A name or a dotted path such as {@code properties.`a:b`.int_value}; also enum constants. */
    PATH,
    KEYWORD,
    STRING,
    INTEGER,
    DOUBLE,
    LPAREN,
    RPAREN,
    COMMA,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    EOF
  }

  Token {
    path = List.copyOf(path);
  }

  static Token of(Kind kind, String text, int position) {
    return new Token(kind, text, position, List.of());
  }

  boolean isKeyword(String keyword) {
    return kind == Kind.KEYWORD && text.equals(keyword);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of filter";
      case STRING -> "string '" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
