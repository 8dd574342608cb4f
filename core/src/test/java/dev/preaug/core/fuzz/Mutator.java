package dev.preaug.core.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations: the same seed gives the same sequence of inputs on every machine,
 * so any failure is reproduced by its seed and iteration number alone.
 *
 * <p>One call stacks one to four of: bit flips, byte replacement (random or an interesting value
 * such as 0x00, 0x7F, 0x80, 0xFF), interesting 16/32/64-bit integers in either byte order,
 * truncation, insertion of random bytes, deletion or duplication of a range, a token from the
 * target's dictionary (overwritten or inserted), a tweak of one of the target's length fields,
 * and a splice with another seed.
 */
final class Mutator {
  /** Where a target keeps a length or count: offset, width in bytes, byte order. */
  record LengthField(int offset, int bytes, boolean littleEndian) {}

  private static final long[] INTERESTING = {
    0, 1, 2, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 511, 512, 1000, 1024, 4096,
    32767, 32768, 65535, 65536, 100_000, 1 << 20, 1 << 24, Integer.MAX_VALUE,
    0x80000000L, 0xFFFFFFFFL, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, -128,
    -32768
  };
  private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x20, 0x7E, 0x7F, 0x80, 0x81, 0xFE,
      0xFF, '0', '9', '-', '\'', '"', '(', ')', '{', '}', ',', ':', '\n', '\\'};

  private final SplittableRandom rnd;

  Mutator(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  int nextInt(int bound) {
    return rnd.nextInt(bound);
  }

  double nextDouble() {
    return rnd.nextDouble();
  }

  /**
   * A mutant of {@code seed}. {@code inPlace} favours mutations that keep the length (for
   * fixed-record formats, where most length changes are rejected by the first check).
   */
  byte[] mutate(byte[] seed, List<byte[]> dictionary, List<LengthField> lengthFields,
      List<byte[]> others, boolean inPlace) {
    byte[] b = seed.clone();
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      int op = rnd.nextInt(inPlace && rnd.nextInt(8) != 0 ? 5 : 12);
      b = apply(op, b, dictionary, lengthFields, others);
    }
    return b;
  }

  private byte[] apply(int op, byte[] b, List<byte[]> dict, List<LengthField> fields,
      List<byte[]> others) {
    switch (op) {
      case 0: // bit flips
        if (b.length > 0) {
          int flips = 1 + rnd.nextInt(8);
          for (int i = 0; i < flips; i++) {
            int bit = rnd.nextInt(b.length * 8);
            b[bit >>> 3] ^= (byte) (1 << (bit & 7));
          }
        }
        return b;
      case 1: // random byte replacement
        if (b.length > 0) {
          int n = 1 + rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
          }
        }
        return b;
      case 2: // interesting byte
        if (b.length > 0) {
          b[rnd.nextInt(b.length)] = (byte) INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
        }
        return b;
      case 3: // interesting integer over existing bytes
        return putInteresting(b);
      case 4: // length-field tweak
        return tweakLength(b, fields);
      case 5: // dictionary token, overwritten
        if (!dict.isEmpty() && b.length > 0) {
          byte[] t = dict.get(rnd.nextInt(dict.size()));
          int at = rnd.nextInt(b.length);
          for (int i = 0; i < t.length && at + i < b.length; i++) {
            b[at + i] = t[i];
          }
        }
        return b;
      case 6: // dictionary token, inserted
        if (!dict.isEmpty()) {
          return insert(b, rnd.nextInt(b.length + 1), dict.get(rnd.nextInt(dict.size())));
        }
        return b;
      case 7: // truncation
        return b.length == 0 ? b : Arrays.copyOf(b, rnd.nextInt(b.length));
      case 8: { // random bytes inserted
        byte[] ins = new byte[1 + rnd.nextInt(16)];
        for (int i = 0; i < ins.length; i++) {
          ins[i] = (byte) rnd.nextInt(256);
        }
        return insert(b, rnd.nextInt(b.length + 1), ins);
      }
      case 9: { // a range deleted
        if (b.length < 2) {
          return b;
        }
        int from = rnd.nextInt(b.length);
        int len = 1 + rnd.nextInt(Math.min(64, b.length - from));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, b.length - from - len);
        return out;
      }
      case 10: { // a range duplicated
        if (b.length == 0) {
          return b;
        }
        int from = rnd.nextInt(b.length);
        int len = 1 + rnd.nextInt(Math.min(64, b.length - from));
        return insert(b, rnd.nextInt(b.length + 1), Arrays.copyOfRange(b, from, from + len));
      }
      default: { // splice with another seed
        if (others.isEmpty()) {
          return b;
        }
        byte[] o = others.get(rnd.nextInt(others.size()));
        int cutA = rnd.nextInt(b.length + 1);
        int cutB = rnd.nextInt(o.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, cutA);
        out.write(o, cutB, o.length - cutB);
        return out.toByteArray();
      }
    }
  }

  private byte[] putInteresting(byte[] b) {
    int width = new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
    if (b.length < width) {
      return b;
    }
    long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
    if (rnd.nextBoolean()) {
      v += rnd.nextInt(5) - 2;
    }
    put(b, rnd.nextInt(b.length - width + 1), width, rnd.nextBoolean(), v);
    return b;
  }

  private byte[] tweakLength(byte[] b, List<LengthField> fields) {
    if (fields.isEmpty()) {
      return putInteresting(b);
    }
    LengthField f = fields.get(rnd.nextInt(fields.size()));
    if (f.offset() + f.bytes() > b.length) {
      return b;
    }
    long old = get(b, f.offset(), f.bytes(), f.littleEndian());
    long v;
    switch (rnd.nextInt(5)) {
      case 0:
        v = old + 1 + rnd.nextInt(8);
        break;
      case 1:
        v = old - 1 - rnd.nextInt(8);
        break;
      case 2:
        v = old * 2;
        break;
      case 3:
        v = rnd.nextLong();
        break;
      default:
        v = INTERESTING[rnd.nextInt(INTERESTING.length)];
    }
    put(b, f.offset(), f.bytes(), f.littleEndian(), v);
    return b;
  }

  static long get(byte[] b, int off, int width, boolean le) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      int idx = le ? off + width - 1 - i : off + i;
      v = (v << 8) | (b[idx] & 0xFFL);
    }
    return v;
  }

  static void put(byte[] b, int off, int width, boolean le, long v) {
    for (int i = 0; i < width; i++) {
      int shift = 8 * i;
      int idx = le ? off + i : off + width - 1 - i;
      b[idx] = (byte) (v >>> shift);
    }
  }

  private static byte[] insert(byte[] b, int at, byte[] ins) {
    byte[] out = new byte[b.length + ins.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(b, at, out, at + ins.length, b.length - at);
    return out;
  }
}
