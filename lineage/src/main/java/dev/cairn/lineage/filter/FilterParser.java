package dev.cairn.lineage.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for MLMD's filter_query subset. Precedence, loosest first: OR, AND, NOT,
 * then predicates; parentheses group. Fields are resolved against the target's schema and literals
 * checked against the field's kind while parsing, so every error carries a position.
 *
 * <pre>
 * filter    = or EOF
 * or        = and { OR and }
 * and       = not { AND not }
 * not       = NOT not | primary
 * primary   = '(' or ')' | predicate
 * predicate = field ( cmp literal | [NOT] IN '(' literal { ',' literal } ')'
 *                   | [NOT] LIKE string | IS [NOT] NULL )
 * cmp       = '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * literal   = string | integer | decimal | TRUE | FALSE | ENUM_CONSTANT
 * </pre>
 */
final class FilterParser {
  private final String query;
  private final List<Token> tokens;
  private final FieldResolver fields;
  private int next;

  private FilterParser(String query, Target target) {
    this.query = query;
    this.tokens = FilterLexer.tokenize(query);
    this.fields = new FieldResolver(query, target);
  }

  /**
   * Parses {@code query} as a filter over {@code target} nodes.
   *
   * @throws dev.cairn.lineage.LineageException.InvalidArgument naming the column and token of the
   *     first error
   */
  static Expr parse(Target target, String query) {
    FilterParser parser = new FilterParser(query, target);
    Expr expr = parser.or();
    Token end = parser.peek();
    if (end.kind() != Token.Kind.EOF) {
      throw parser.unexpected(end, "AND, OR or the end of the filter");
    }
    return expr;
  }

  private Expr or() {
    List<Expr> operands = new ArrayList<>(List.of(and()));
    while (peek().isKeyword("OR")) {
      next++;
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands);
  }

  private Expr and() {
    List<Expr> operands = new ArrayList<>(List.of(not()));
    while (peek().isKeyword("AND")) {
      next++;
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.And(operands);
  }

  private Expr not() {
    if (peek().isKeyword("NOT")) {
      next++;
      return new Expr.Not(not());
    }
    return primary();
  }

  private Expr primary() {
    Token t = peek();
    if (t.kind() == Token.Kind.LPAREN) {
      next++;
      Expr inner = or();
      expect(Token.Kind.RPAREN, "')'");
      return inner;
    }
    if (t.kind() != Token.Kind.PATH) {
      throw unexpected(t, "a field name, NOT or '('");
    }
    next++;
    return predicate(fields.resolve(t));
  }

  private Expr predicate(Field field) {
    Token t = peek();
    next++;
    switch (t.kind()) {
      case EQ:
        return compare(field, Expr.Op.EQ, t);
      case NE:
        return compare(field, Expr.Op.NE, t);
      case LT:
        return compare(field, Expr.Op.LT, t);
      case LE:
        return compare(field, Expr.Op.LE, t);
      case GT:
        return compare(field, Expr.Op.GT, t);
      case GE:
        return compare(field, Expr.Op.GE, t);
      default:
        break;
    }
    if (t.isKeyword("IS")) {
      boolean negated = accept("NOT");
      expectKeyword("NULL");
      return new Expr.IsNull(field, negated);
    }
    boolean negated = false;
    if (t.isKeyword("NOT")) {
      negated = true;
      t = peek();
      next++;
    }
    if (t.isKeyword("IN")) {
      return in(field, negated, t);
    }
    if (t.isKeyword("LIKE")) {
      return like(field, negated, t);
    }
    throw unexpected(t, negated ? "IN or LIKE" : "a comparison, IN, LIKE or IS");
  }

  private Expr compare(Field field, Expr.Op op, Token operator) {
    if (op.isOrdering() && (field.kind() == ValueKind.BOOL || field.kind() == ValueKind.ENUM)) {
      throw FilterErrors.at(
          query,
          operator.position(),
          String.format(
              "operator %s does not apply to %s field %s (use =, != or IN)",
              op.symbol, lower(field.kind()), describe(field)));
    }
    return new Expr.Compare(field, op, literal(field));
  }

  private Expr in(Field field, boolean negated, Token in) {
    if (field.kind() == ValueKind.BOOL) {
      throw FilterErrors.at(
          query, in.position(), "IN does not apply to bool field " + describe(field));
    }
    expect(Token.Kind.LPAREN, "'(' after IN");
    List<Literal> values = new ArrayList<>(List.of(literal(field)));
    while (peek().kind() == Token.Kind.COMMA) {
      next++;
      values.add(literal(field));
    }
    expect(Token.Kind.RPAREN, "',' or ')'");
    return new Expr.In(field, values, negated);
  }

  private Expr like(Field field, boolean negated, Token like) {
    if (field.kind() != ValueKind.STRING) {
      throw FilterErrors.at(
          query, like.position(), "LIKE applies to string fields only, not " + describe(field));
    }
    Literal pattern = literal(field);
    return new Expr.Like(
        field, LikePattern.compile(((Literal.StringLiteral) pattern).value()), negated);
  }

  /** Reads one literal and checks it can be compared with {@code field}. */
  private Literal literal(Field field) {
    Token t = peek();
    next++;
    ValueKind kind = field.kind();
    switch (t.kind()) {
      case STRING:
        if (kind == ValueKind.STRING) {
          return new Literal.StringLiteral(t.text());
        }
        break;
      case INTEGER:
        if (kind.isNumeric()) {
          return integer(t);
        }
        break;
      case DOUBLE:
        if (kind.isNumeric()) {
          return new Literal.DoubleLiteral(Double.parseDouble(t.text()));
        }
        break;
      case KEYWORD:
        if (kind == ValueKind.BOOL && (t.isKeyword("TRUE") || t.isKeyword("FALSE"))) {
          return new Literal.BoolLiteral(t.isKeyword("TRUE"));
        }
        break;
      case PATH:
        if (kind == ValueKind.ENUM) {
          return enumConstant(field, t);
        }
        break;
      default:
        throw unexpected(t, "a value");
    }
    throw FilterErrors.at(
        query,
        t.position(),
        String.format(
            "%s cannot be compared with %s field %s%s",
            t.describe(), lower(kind), describe(field), hint(field)));
  }

  private Literal integer(Token t) {
    try {
      return new Literal.IntLiteral(Long.parseLong(t.text()));
    } catch (NumberFormatException e) {
      throw FilterErrors.at(query, t.position(), "integer " + t.text() + " is out of range");
    }
  }

  private Literal enumConstant(Field field, Token t) {
    List<String> allowed = ((Field.AttributeField) field).attribute().enumNames;
    if (t.path().size() != 1 || !allowed.contains(t.text())) {
      throw FilterErrors.at(
          query,
          t.position(),
          String.format(
              "unknown value '%s' for %s (one of %s)",
              t.text(), describe(field), String.join(", ", allowed)));
    }
    return new Literal.EnumLiteral(t.text());
  }

  private static String lower(ValueKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String hint(Field field) {
    return switch (field.kind()) {
      case ENUM -> " (enum values are written bare, as in state = LIVE)";
      case BOOL -> " (write TRUE or FALSE)";
      case STRING -> " (quote strings in ' or \")";
      default -> "";
    };
  }

  private String describe(Field field) {
    return "'" + query.substring(field.position(), endOf(field)) + "'";
  }

  /** The end of the path token that starts at the field's position. */
  private int endOf(Field field) {
    for (Token t : tokens) {
      if (t.position() == field.position()) {
        return t.position() + t.text().length();
      }
    }
    return field.position();
  }

  private boolean accept(String keyword) {
    if (peek().isKeyword(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!accept(keyword)) {
      throw unexpected(peek(), keyword);
    }
  }

  private void expect(Token.Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(t, what);
    }
    next++;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private RuntimeException unexpected(Token t, String expected) {
    return FilterErrors.at(
        query, t.position(), "unexpected " + t.describe() + ", expected " + expected);
  }
}
