package dev.preaug.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it must catch each kind of broken parser, and be reproducible. */
class FuzzerSelfTest {
  /** A toy format: 4-byte big-endian length, then that many bytes. Broken on purpose. */
  private abstract static class Toy implements FuzzTarget {
    @Override
    public String name() {
      return "toy";
    }

    @Override
    public List<byte[]> seeds() {
      return List.of(new byte[] {0, 0, 0, 3, 1, 2, 3});
    }

    @Override
    public List<Mutator.LengthField> lengthFields(byte[] seed) {
      return List.of(new Mutator.LengthField(0, 4, false));
    }

    int declared(byte[] in) {
      if (in.length < 4) {
        throw new IllegalArgumentException("short");
      }
      return (int) Mutator.get(in, 0, 4, false);
    }

    @Override
    public boolean documented(Throwable t) {
      return t instanceof IllegalArgumentException;
    }

    @Override
    public long allocationBound(byte[] in) {
      return 1 << 20;
    }
  }

  @Test
  void anAllocationSizedByADeclaredLengthIsCaught() {
    Fuzzer.Report r = Fuzzer.run(new Toy() {
      @Override
      public void parse(int seedIndex, byte[] in) {
        int n = declared(in);
        if (n < 0 || n > (64 << 20)) {
          throw new IllegalArgumentException("too long");
        }
        byte[] data = new byte[n]; // the bug: sized before checking the bytes are there
        if (in.length - 4 != data.length) {
          throw new IllegalArgumentException("length mismatch");
        }
      }
    }, 1, 3000, 10_000);
    assertFalse(r.ok(), r.summary());
    assertTrue(r.failures.get(0).contains("bytes, bound"), r.toString());
  }

  @Test
  void anUndocumentedExceptionIsCaught() {
    Fuzzer.Report r = Fuzzer.run(new Toy() {
      @Override
      public void parse(int seedIndex, byte[] in) {
        int n = declared(in);
        if (in[4 + Math.max(0, n - 1) % 64] == 0) { // reads past the end for some inputs
          throw new IllegalArgumentException("zero");
        }
      }
    }, 2, 3000, 10_000);
    assertFalse(r.ok(), r.summary());
    assertTrue(r.failures.get(0).contains("undocumented java.lang.ArrayIndexOutOfBounds"),
        r.toString());
  }

  @Test
  void aHangIsCaught() {
    Fuzzer.Report r = Fuzzer.run(new Toy() {
      @Override
      public void parse(int seedIndex, byte[] in) {
        if (declared(in) == 4) {
          long end = System.nanoTime() + 60_000_000_000L;
          while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
        }
      }
    }, 3, 300, 200);
    assertTrue(r.hangs > 0, r.summary());
    assertTrue(r.failures.get(0).contains("(hang)"), r.toString());
  }

  @Test
  void mutantsDependOnlyOnSeedAndIndex() {
    FuzzTarget t = Targets.byName("npy-header");
    List<byte[]> seeds = t.seeds();
    int[] w = new int[1];
    byte[] a = Fuzzer.input(t, seeds, 99, 1234, w);
    byte[] b = Fuzzer.input(t, seeds, 99, 1234, w);
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, Fuzzer.input(t, seeds, 99, 1235, w)));
    Fuzzer.Report r1 = Fuzzer.run(t, 5, 500, 10_000);
    Fuzzer.Report r2 = Fuzzer.run(t, 5, 500, 10_000);
    assertEquals(r1.accepted, r2.accepted);
    assertEquals(r1.rejected, r2.rejected);
  }
}
