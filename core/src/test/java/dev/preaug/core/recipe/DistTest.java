package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.testing.Stats;
import org.junit.jupiter.api.Test;

class DistTest {
  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Dist.parse(text)).getMessage();
  }

  private static void assertSpec(String canonical, String text) {
    Dist d = Dist.parse(text);
    assertEquals(canonical, d.spec(), text);
    assertEquals(canonical, d.toString());
    Dist again = Dist.parse(d.spec());
    assertEquals(d, again, "spec parses back to an equal distribution");
    assertEquals(d.spec(), again.spec());
    assertEquals(d.hashCode(), again.hashCode());
  }

  @Test
  void everyFormHasACanonicalSpec() {
    assertSpec("12.5", "12.5");
    assertSpec("12.5", " 12.50 ");
    assertSpec("-3", "-3");
    assertSpec("-3", "-3.0");
    assertSpec("0", "0");
    assertSpec("-0", "-0");
    assertSpec("1E-5", "1e-5");
    assertSpec("1E+15", "1e15");
    assertSpec("999999999999999", "999999999999999");
    assertSpec("0.30000000000000004", "0.30000000000000004");
    assertSpec("uniform(-15,15)", "uniform(-15, 15)");
    assertSpec("uniform(-15,15)", "uniform( -15.0 ,15 )");
    assertSpec("uniform(0.5,1.2)", "uniform(0.5, 1.2)");
    assertSpec("uniform(2,2)", "uniform(2, 2)");
    assertSpec("signed_uniform(0.15,0.2)", "signed_uniform(0.15, 0.2)");
    assertSpec("signed_uniform(0,1)", "signed_uniform(0, 1)");
    assertSpec("randrange(25,63)", "randrange(25, 63)");
    assertSpec("randrange(-5,-4)", "randrange(-5, -4)");
    assertSpec("randint(1,3)", "randint(1, 3)");
    assertSpec("randint(7,7)", "randint(7, 7)");
    assertSpec("choice(1,2.5,-3)", "choice(1, 2.5, -3)");
    assertSpec("choice(4)", "choice(4)");
    assertSpec("fit", "fit");
    assertSpec("fit", "  fit ");
    assertSpec("center", "center");
    // randrange and randint stay distinct spellings (they are written as the user wrote them).
    assertNotEquals(Dist.parse("randrange(1,4)"), Dist.parse("randint(1,3)"));
    assertEquals(Dist.parse("randrange(1,4)").min(), Dist.parse("randint(1,3)").min());
    assertEquals(Dist.parse("randrange(1,4)").max(), Dist.parse("randint(1,3)").max());
  }

  @Test
  void boundsAndIntegrality() {
    Dist c = Dist.parse("2.5");
    assertEquals(2.5, c.min());
    assertEquals(2.5, c.max());
    assertFalse(c.integral());
    assertTrue(Dist.parse("3").integral());
    Dist u = Dist.parse("uniform(-1, 2)");
    assertEquals(-1, u.min());
    assertEquals(2, u.max());
    assertFalse(u.integral());
    Dist s = Dist.parse("signed_uniform(0.15, 0.2)");
    assertEquals(-0.2, s.min());
    assertEquals(0.2, s.max());
    Dist rr = Dist.parse("randrange(25, 63)");
    assertEquals(25, rr.min());
    assertEquals(62, rr.max());
    assertTrue(rr.integral());
    Dist ri = Dist.parse("randint(25, 63)");
    assertEquals(63, ri.max());
    Dist ch = Dist.parse("choice(3, -1, 2)");
    assertEquals(-1, ch.min());
    assertEquals(3, ch.max());
    assertTrue(ch.integral());
    assertFalse(Dist.parse("choice(1, 2.5)").integral());
    Dist fit = Dist.parse("fit");
    assertTrue(fit.isOffsetRule());
    assertTrue(fit.integral());
    assertEquals(0, fit.min());
    assertTrue(Double.isNaN(fit.max()));
    assertFalse(u.isOffsetRule());
  }

  @Test
  void parseErrors() {
    assertEquals("uniform(2, 1) has an inverted range (low 2 > high 1)", error("uniform(2, 1)"));
    assertEquals("signed_uniform(0.3, 0.2) has an inverted range (low 0.3 > high 0.2)",
        error("signed_uniform(0.3, 0.2)"));
    assertEquals("signed_uniform(-1, 2): signed_uniform takes magnitudes, low must be >= 0, got"
        + " -1", error("signed_uniform(-1, 2)"));
    assertEquals("randrange(5, 5) is an empty range (stop must be > start)",
        error("randrange(5, 5)"));
    assertEquals("randrange(5, 1) is an empty range (stop must be > start)",
        error("randrange(5, 1)"));
    assertEquals("randint(5, 4) is an empty range (low > high)", error("randint(5, 4)"));
    assertEquals("randrange(1.5, 3): integer ranges need integer bounds, got 1.5",
        error("randrange(1.5, 3)"));
    assertEquals("randint(1, 2.25): integer ranges need integer bounds, got 2.25",
        error("randint(1, 2.25)"));
    assertEquals("randrange(0, 1e16): integer ranges need integer bounds, got 1E+16",
        error("randrange(0, 1e16)"));
    assertEquals("unknown distribution 'gauss' in 'gauss(0, 1)': expected a number, uniform,"
        + " signed_uniform, randrange, randint, choice, fit or center", error("gauss(0, 1)"));
    assertEquals("uniform(1): expected 2 arguments, got 1", error("uniform(1)"));
    assertEquals("uniform(1, 2, 3): expected 2 arguments, got 3", error("uniform(1, 2, 3)"));
    assertEquals("uniform(): expected 2 arguments, got 0", error("uniform()"));
    assertEquals("randrange(3): expected 2 arguments, got 1", error("randrange(3)"));
    assertEquals("choice(): choice needs at least one value", error("choice()"));
    assertEquals("'abc' in 'abc' is not a finite number", error("abc"));
    assertEquals("'' in '' is not a finite number", error(""));
    assertEquals("'a' in 'uniform(a, 1)' is not a finite number", error("uniform(a, 1)"));
    assertEquals("'' in 'uniform(1,,2)' is not a finite number", error("uniform(1,,2)"));
    assertEquals("'' in 'choice(1,)' is not a finite number", error("choice(1,)"));
    assertEquals("'uniform(1,2' in 'uniform(1,2' is not a finite number", error("uniform(1,2"));
    for (String notFinite : new String[] {"NaN", "Infinity", "-Infinity", "1e999", "1d", "2f",
        "2.5F", "1D"}) {
      assertEquals("'" + notFinite + "' in '" + notFinite + "' is not a finite number",
          error(notFinite), notFinite);
    }
  }

  @Test
  void constantsDrawNothing() {
    Rng r = new Rng(1);
    assertEquals(2.5, Dist.parse("2.5").sample(r, 64, 10));
    assertEquals(new Rng(1).nextLong(), r.nextLong(), "no draw consumed");
  }

  @Test
  void uniformUsesOneDrawInPythonsFormula() {
    Dist d = Dist.parse("uniform(-15, 15)");
    Rng r = new Rng(2);
    Rng twin = new Rng(2);
    double min = 99;
    double max = -99;
    for (int i = 0; i < 20_000; i++) {
      double v = d.sample(r, 0, 0);
      assertEquals(twin.uniform(-15, 15), v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(min >= -15 && min < -14.99 && max <= 15 && max > 14.99, min + " " + max);
  }

  @Test
  void signedUniformDrawsTheSignFirst() {
    Dist d = Dist.parse("signed_uniform(0.15, 0.2)");
    Rng r = new Rng(3);
    Rng twin = new Rng(3);
    long negative = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double v = d.sample(r, 0, 0);
      boolean neg = twin.nextBoolean();
      double mag = twin.uniform(0.15, 0.2);
      assertEquals(neg ? -mag : mag, v);
      assertTrue(Math.abs(v) >= 0.15 && Math.abs(v) <= 0.2, "" + v);
      negative += v < 0 ? 1 : 0;
    }
    Stats.assertUniform(new long[] {negative, n - negative}, "signs");
  }

  @Test
  void integerRangesAreHalfOpenOrClosedAsWritten() {
    Rng r = new Rng(4);
    long[] rr = new long[38];
    long[] ri = new long[3];
    for (int i = 0; i < 38_000; i++) {
      double v = Dist.parse("randrange(25, 63)").sample(r, 0, 0);
      assertEquals(Math.rint(v), v);
      assertTrue(v >= 25 && v <= 62, "" + v);
      rr[(int) v - 25]++;
    }
    for (int i = 0; i < 3_000; i++) {
      double v = Dist.parse("randint(1, 3)").sample(r, 0, 0);
      assertTrue(v >= 1 && v <= 3, "" + v);
      ri[(int) v - 1]++;
    }
    Stats.assertUniform(rr, "randrange(25, 63)");
    Stats.assertUniform(ri, "randint(1, 3)");
    Rng a = new Rng(5);
    Rng b = new Rng(5);
    assertEquals(b.randrange(25, 63), (long) Dist.parse("randrange(25,63)").sample(a, 0, 0));
  }

  @Test
  void choiceIsUniformOverItsValues() {
    Dist d = Dist.parse("choice(1, 2.5, -3)");
    Rng r = new Rng(6);
    long[] counts = new long[3];
    for (int i = 0; i < 30_000; i++) {
      double v = d.sample(r, 0, 0);
      counts[v == 1 ? 0 : v == 2.5 ? 1 : v == -3 ? 2 : -1]++;
    }
    Stats.assertUniform(counts, "choice");
  }

  @Test
  void offsetRules() {
    Dist fit = Dist.parse("fit");
    Dist center = Dist.parse("center");
    Rng r = new Rng(7);
    Rng twin = new Rng(7);
    boolean sawZero = false;
    boolean sawLast = false;
    for (int i = 0; i < 10_000; i++) {
      int size = 25 + i % 38;
      double v = fit.sample(r, 64, size);
      assertEquals(twin.randrange(0, 64 - size), (long) v);
      assertTrue(v >= 0 && v < 64 - size, "fit gave " + v + " for size " + size);
      sawZero |= v == 0;
      sawLast |= v == 64 - size - 1;
    }
    assertTrue(sawZero && sawLast);
    // No room: 0, and no draw is consumed.
    Rng s = new Rng(8);
    assertEquals(0, fit.sample(s, 64, 64));
    assertEquals(0, fit.sample(s, 64, 80));
    assertEquals(new Rng(8).nextLong(), s.nextLong());
    // center = ceil((canvas - size) / 2), no randomness.
    assertEquals(20, center.sample(s, 64, 25));
    assertEquals(19, center.sample(s, 64, 26));
    assertEquals(0, center.sample(s, 64, 64));
    assertEquals(0, center.sample(s, 64, 70));
    assertEquals(1, center.sample(s, 64, 63));
  }
}
