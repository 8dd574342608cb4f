package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.OpSpecs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Python a torchvision pipeline's arguments are written in, read without running Python:
 * integers ({@link Long}), floats ({@link Double}), {@code True}/{@code False} ({@link Boolean}),
 * quoted strings ({@link String}), {@code None} ({@link #NONE}), tuples and lists (an unmodifiable
 * {@link List}; Python's distinction does not matter to any transform here), and dotted names such
 * as {@code InterpolationMode.BILINEAR} ({@link Name}). Numbers may be negated and combined with
 * {@code *} and {@code /} ({@code ratio=(3/4, 4/3)}), with Python's rules: {@code /} always gives
 * a float, {@code *} of two integers an integer.
 *
 * <p>Also the way back: {@link #repr} writes a value so that it reads back as the same value.
 */
final class PyLiteral {
  /** Python's {@code None}. */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** A bare or dotted name: an enum member ({@code InterpolationMode.BILINEAR}) or a word. */
  static final class Name {
    final String dotted;

    Name(String dotted) {
      this.dotted = dotted;
    }

    /** The last component: {@code BILINEAR} of {@code T.InterpolationMode.BILINEAR}. */
    String last() {
      return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    /** Everything before the last component, empty for a bare word. */
    String owner() {
      int dot = dotted.lastIndexOf('.');
      return dot < 0 ? "" : dotted.substring(0, dot);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Name && ((Name) o).dotted.equals(dotted);
    }

    @Override
    public int hashCode() {
      return dotted.hashCode();
    }

    @Override
    public String toString() {
      return dotted;
    }
  }

  private final String text;
  private int pos;
  /** Reads a call ({@code ColorJitter(0.4)}) as a value, for transforms that take transforms. */
  private java.util.function.Function<PyLiteral, Object> calls;

  private PyLiteral(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  /** A cursor over {@code text} starting at {@code pos}, for {@link TorchvisionPipeline}. */
  static PyLiteral at(String text, int pos) {
    return new PyLiteral(text, pos);
  }

  /** As {@link #at}, reading a name followed by {@code (} with {@code calls}. */
  static PyLiteral at(String text, int pos, java.util.function.Function<PyLiteral, Object> calls) {
    PyLiteral p = new PyLiteral(text, pos);
    p.calls = calls;
    return p;
  }

  /** Parses {@code text}, which must be one whole literal. */
  static Object parse(String text) {
    PyLiteral p = new PyLiteral(text, 0);
    Object v = p.value();
    p.skipSpace();
    if (!p.atEnd()) {
      throw p.error("unexpected '" + p.text.substring(p.pos) + "' after the value");
    }
    return v;
  }

  int pos() {
    return pos;
  }

  /** Moves back (or on) to {@code p}, to read a name again as a value. */
  void seek(int p) {
    pos = p;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Consumes {@code c} after spaces when it is next; says whether it was. */
  boolean eat(char c) {
    skipSpace();
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c, String what) {
    if (!eat(c)) {
      throw error("expected '" + c + "' " + what + (atEnd() ? ", found the end"
          : ", found '" + peek() + "'"));
    }
  }

  IllegalArgumentException error(String why) {
    return new IllegalArgumentException(why + " at column " + (pos + 1));
  }

  /** A dotted name ({@code T.RandomCrop}), or null when no name starts here. */
  String dottedName() {
    skipSpace();
    int start = pos;
    while (true) {
      if (pos >= text.length() || !Character.isJavaIdentifierStart(text.charAt(pos))
          || text.charAt(pos) == '$') {
        pos = start;
        return null;
      }
      while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))
          && text.charAt(pos) != '$') {
        pos++;
      }
      if (pos + 1 < text.length() && text.charAt(pos) == '.'
          && Character.isJavaIdentifierStart(text.charAt(pos + 1))) {
        pos++;
        continue;
      }
      return text.substring(start, pos);
    }
  }

  /** Reads one value: a literal, or numbers combined with {@code *}, {@code /} and signs. */
  Object value() {
    Object v = unary();
    while (true) {
      skipSpace();
      char op = peek();
      if (op != '*' && op != '/') {
        return v;
      }
      int at = pos;
      pos++;
      Object rhs = unary();
      v = arithmetic(v, op, rhs, at);
    }
  }

  private Object arithmetic(Object a, char op, Object b, int at) {
    if (!isNumber(a) || !isNumber(b)) {
      pos = at;
      throw error("'" + op + "' needs numbers on both sides");
    }
    if (op == '*' && a instanceof Long && b instanceof Long) {
      return Math.multiplyExact((Long) a, (Long) b);
    }
    double x = ((Number) a).doubleValue();
    double y = ((Number) b).doubleValue();
    if (op == '/' && y == 0) {
      pos = at;
      throw error("division by zero");
    }
    return op == '*' ? x * y : x / y;
  }

  static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double;
  }

  private Object unary() {
    skipSpace();
    char c = peek();
    if (c == '-' || c == '+') {
      int at = pos;
      pos++;
      Object v = unary();
      if (!isNumber(v)) {
        pos = at;
        throw error("'" + c + "' needs a number");
      }
      if (c == '+') {
        return v;
      }
      return v instanceof Long ? (Object) Math.negateExact((Long) v) : (Object) (-(Double) v);
    }
    return atom();
  }

  private Object atom() {
    skipSpace();
    if (atEnd()) {
      throw error("expected a value, found the end");
    }
    char c = peek();
    if (c == '(' || c == '[') {
      return sequence(c);
    }
    if (c == '\'' || c == '"') {
      return string(c);
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    int start = pos;
    String name = dottedName();
    if (name == null) {
      throw error("expected a value, found '" + c + "'");
    }
    skipSpace();
    if (calls != null && peek() == '(') {
      pos = start;
      return calls.apply(this);
    }
    switch (name) {
      case "None":
        return NONE;
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      default:
        return new Name(name);
    }
  }

  private Object sequence(char open) {
    char close = open == '(' ? ')' : ']';
    pos++;
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    while (true) {
      if (eat(close)) {
        break;
      }
      items.add(value());
      if (eat(close)) {
        break;
      }
      expect(',', "between the items of a " + (open == '(' ? "tuple" : "list"));
      comma = true;
    }
    if (open == '(' && items.size() == 1 && !comma) {
      return items.get(0); // (x) is x, only (x,) is a tuple
    }
    return Collections.unmodifiableList(items);
  }

  private String string(char quote) {
    int start = ++pos;
    while (pos < text.length() && text.charAt(pos) != quote) {
      if (text.charAt(pos) == '\\') {
        throw error("escapes in strings are not supported");
      }
      pos++;
    }
    if (atEnd()) {
      pos = start - 1;
      throw error("unterminated string");
    }
    return text.substring(start, pos++);
  }

  private Object number() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
        || text.charAt(pos) == '.' || text.charAt(pos) == '_'
        || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
            && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
      pos++;
    }
    String t = text.substring(start, pos);
    String digits = t.replace("_", "");
    try {
      if (digits.matches("[0-9]+")) {
        if (digits.length() > 1 && digits.startsWith("0") && !digits.matches("0+")) {
          throw new NumberFormatException("leading zeros");
        }
        BigInteger b = new BigInteger(digits);
        if (b.bitLength() > 62) {
          pos = start;
          throw error("integer " + t + " is too large");
        }
        return b.longValue();
      }
      if (digits.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")
          && !t.startsWith("_") && !t.endsWith("_")) {
        double d = Double.parseDouble(digits);
        if (Double.isInfinite(d)) {
          throw new NumberFormatException("too large");
        }
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    pos = start;
    throw error("'" + t + "' is not a number");
  }

  /**
   * Python's {@code repr} of a value built from the types above: floats always show a decimal
   * point or exponent ({@code 1.0}, {@code 1e-07}), strings are single-quoted, sequences are
   * tuples.
   */
  static String repr(Object v) {
    if (v instanceof Double) {
      return repr((double) (Double) v);
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? "True" : "False";
    }
    if (v instanceof List) {
      List<?> l = (List<?>) v;
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(repr(l.get(i)));
      }
      return sb.append(l.size() == 1 ? ",)" : ")").toString();
    }
    return String.valueOf(v);
  }

  /** A float as Python writes it: the shortest digits that read back, with a point. */
  static String repr(double d) {
    String s = OpSpecs.format(d);
    int e = s.indexOf('E');
    if (e >= 0) {
      // Python writes at least two exponent digits: 1e-07, 1.5e+300.
      String exp = s.substring(e + 2);
      return s.substring(0, e) + "e" + s.charAt(e + 1) + (exp.length() < 2 ? "0" : "") + exp;
    }
    return s.contains(".") ? s : s + ".0";
  }

  /** {@code (a, b)} of two floats. */
  static String pair(double a, double b) {
    return "(" + repr(a) + ", " + repr(b) + ")";
  }

  /** What a value is, for errors: {@code a float}, {@code a tuple of 3}. */
  static String kind(Object v) {
    if (v instanceof Long) {
      return "an int";
    }
    if (v instanceof Double) {
      return "a float";
    }
    if (v instanceof Boolean) {
      return "a bool";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v == NONE) {
      return "None";
    }
    if (v instanceof List) {
      return "a sequence of " + ((List<?>) v).size();
    }
    return "the name " + v;
  }
}
