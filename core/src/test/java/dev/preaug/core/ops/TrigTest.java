package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrigTest {
  /** Math's transcendental functions: intrinsics whose last bit may depend on CPU and JVM. */
  private static final Pattern MATH_TRANSCENDENTAL = Pattern.compile(
      "(?<![A-Za-z_.])Math\\.(sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|exp|expm1|log|"
          + "log10|log1p|pow|cbrt|hypot)\\s*\\(");

  @Test
  void noMathTranscendentalOnAnyPathThatDecidesOutputBytes() throws IOException {
    Path core = Path.of("src/main/java");
    Path job = Path.of("../spark-job/src/main/java");
    assertTrue(Files.isDirectory(core) && Files.isDirectory(job), "run from core/");
    List<String> hits = new ArrayList<>();
    for (Path root : List.of(core, job)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            String code = lines.get(i).replaceAll("//.*", "");
            if (code.trim().startsWith("*")) {
              continue; // Javadoc
            }
            Matcher m = MATH_TRANSCENDENTAL.matcher(code);
            if (m.find()) {
              hits.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertEquals(List.of(), hits, "use StrictMath or Trig (see Trig's Javadoc)");
  }

  @Test
  void thePatternCatchesWhatItShould() {
    assertTrue(MATH_TRANSCENDENTAL.matcher("double s = Math.sin(x);").find());
    assertTrue(MATH_TRANSCENDENTAL.matcher("y = Math.pow (a, b)").find());
    assertTrue(!MATH_TRANSCENDENTAL.matcher("StrictMath.sin(x) + Math.sqrt(y) + Math.abs(z)")
        .find());
  }

  @Test
  void sinExactIsWithinAnUlpOfFdlibmAndExactWhereKnown() {
    for (int width : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 100),
        java.util.stream.IntStream.of(127, 128, 160, 224, 256, 299, 512)).toArray()) {
      double w = 2.0 / width;
      for (int i = 0; i < width; i++) {
        double x = -2 * Math.PI * i * w;
        double exact = Trig.sinExact(x);
        double strict = StrictMath.sin(x);
        assertTrue(Math.abs(exact - strict) <= Math.ulp(strict), width + "/" + i + ": " + exact
            + " vs " + strict);
      }
    }
    assertEquals(-1.0, Trig.sinExact(-Math.PI / 2));
    assertEquals(1.2246467991473532e-16, Trig.sinExact(Math.PI)); // sin of the double nearest pi
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Trig.sinExact(-0.0)));
    // sin(0.5) = 0.479425538604203000273287935215571388081803367940600675188616613...
    assertEquals(new BigDecimal("0.4794255386042030002732879352155713880818").doubleValue(),
        Trig.sinExact(0.5));
    assertThrows(IllegalArgumentException.class, () -> Trig.sinExact(Double.NaN));
  }

  @Test
  void theCacheGivesTheSeriesValuesBitForBitAcrossEvictions() {
    // More distinct arguments than the cache holds, twice over: the second pass finds some
    // cached and some evicted, and every answer must still be the series' own double.
    int n = Trig.CACHE_LIMIT + 1000;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        double x = (i - n / 2) * 0.0123456789;
        assertEquals(Double.doubleToRawLongBits(Trig.sinSeries(x)),
            Double.doubleToRawLongBits(Trig.sinExact(x)), "sin " + x);
        assertEquals(Double.doubleToRawLongBits(Trig.cosSeries(x)),
            Double.doubleToRawLongBits(Trig.cosExact(x)), "cos " + x);
        if (i % 7 == 0) {
          assertEquals(Double.doubleToRawLongBits(Trig.tanSeries(x)),
              Double.doubleToRawLongBits(Trig.tanExact(x)), "tan " + x);
        }
      }
    }
    // +0 and -0 are different keys: each keeps its sign.
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Trig.sinExact(0.0)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Trig.sinExact(-0.0)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Trig.tanExact(-0.0)));
    // A refused argument is refused every time, never remembered.
    for (int k = 0; k < 2; k++) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Trig.tanExact(2e6));
      assertEquals("tanExact(2000000.0): argument must be finite with |x| <= 1e6", e.getMessage());
    }
  }
}
