package dev.preaug.core.preview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fits label text into a sheet cell: op specs with their numbers rounded for reading, wrapped one
 * step per line, and anything still too long elided with {@code ..}. The exact specs are printed
 * by the preview command alongside; the sheet is for looking.
 */
public final class LabelText {
  /** Marks text cut short. */
  public static final String ELLIPSIS = "..";
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private LabelText() {}

  /**
   * Rounds every number in a spec to at most {@code decimals} places ({@code rotate(-7.3129481)}
   * becomes {@code rotate(-7.31)}); integers and short numbers are unchanged.
   */
  public static String roundNumbers(String spec, int decimals) {
    Matcher m = NUMBER.matcher(spec);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String n = m.group();
      BigDecimal v = new BigDecimal(n);
      String shown = v.scale() <= decimals ? n
          : v.setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
      if (n.startsWith("-") && !shown.startsWith("-")) {
        shown = "-" + shown; // keep the sign of tiny negatives: -0.001 reads as -0, not 0
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(shown));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Replaces what the font cannot draw: each code point outside printable ASCII becomes
   * {@code U+XXXX} (class names from labels.txt may be kanji).
   */
  public static String ascii(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp >= BitmapFont.FIRST && cp <= BitmapFont.LAST) {
        sb.append((char) cp);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "U+%04X", cp));
      }
    });
    return sb.toString();
  }

  /** {@code s} if it fits {@code max} characters, else its start and {@link #ELLIPSIS}. */
  public static String elide(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return max <= ELLIPSIS.length() ? ELLIPSIS.substring(0, Math.max(0, max))
        : s.substring(0, max - ELLIPSIS.length()) + ELLIPSIS;
  }

  /**
   * Lays out an op spec in at most {@code maxLines} lines of {@code maxChars}: one step per line
   * (each but the last keeps its {@code |}), a step too long for a line broken after a comma or
   * an opening parenthesis where possible, and the last line elided if the text does not fit.
   */
  public static List<String> wrapSpec(String spec, int maxChars, int maxLines) {
    if (maxChars < 1 || maxLines < 1) {
      throw new IllegalArgumentException("no room for text: " + maxChars + " x " + maxLines);
    }
    List<String> lines = new ArrayList<>();
    String[] steps = spec.split("\\|", -1);
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i] + (i < steps.length - 1 ? "|" : "");
      while (step.length() > maxChars) {
        int cut = breakPoint(step, maxChars);
        lines.add(step.substring(0, cut));
        step = step.substring(cut);
      }
      lines.add(step);
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    String last = kept.get(maxLines - 1);
    kept.set(maxLines - 1, last.length() + ELLIPSIS.length() <= maxChars ? last + ELLIPSIS
        : last.substring(0, maxChars - ELLIPSIS.length()) + ELLIPSIS);
    return kept;
  }

  /**
   * Packs short phrases into at most {@code maxLines} lines of {@code maxChars}, joined by
   * {@code "; "}, in order; a phrase that does not fit on the current line starts the next one,
   * and what does not fit at all is elided. Put the important phrases first.
   */
  public static List<String> flow(List<String> phrases, int maxChars, int maxLines) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String p : phrases) {
      if (line.length() > 0 && line.length() + 2 + p.length() <= maxChars) {
        line.append("; ").append(p);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(p);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size() && i < maxLines; i++) {
      boolean cut = i == maxLines - 1 && lines.size() > maxLines;
      String l = lines.get(i);
      if (cut && l.length() + ELLIPSIS.length() <= maxChars) {
        out.add(l + ELLIPSIS);
      } else {
        out.add(cut ? l.substring(0, Math.max(0, maxChars - ELLIPSIS.length())) + ELLIPSIS
            : elide(l, maxChars));
      }
    }
    return out;
  }

  /** The longest prefix length up to {@code max} ending after ',' or '(' ; else {@code max}. */
  private static int breakPoint(String s, int max) {
    for (int i = max; i > max / 2; i--) {
      char c = s.charAt(i - 1);
      if (c == ',' || c == '(') {
        return i;
      }
    }
    return max;
  }
}
