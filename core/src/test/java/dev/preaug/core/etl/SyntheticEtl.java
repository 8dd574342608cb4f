package dev.preaug.core.etl;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ETL records bit by bit from the official layouts, written here independently of {@link
 * EtlFormat}'s constants: each layout is the field sequence of the format page (the struct codes
 * for the byte formats), and offsets are found by adding field widths. Padding and undefined
 * fields are filled with a busy bit pattern so that a reader looking at the wrong offset sees
 * garbage, not zeros. Never real ETL data.
 */
final class SyntheticEtl {
  private SyntheticEtl() {}

  /** T56 code table (ETL2–5 text fields), one character per 6-bit unit value. */
  static final String T56 = "0123456789[#@:>? ABCDEFGHI&.](<  JKLMNOPQR-$*);'|/STUVWXYZ ,%=\"!";

  /** What goes into one record; unset fields get neutral values. */
  static final class Rec {
    int code;
    String t56 = "A  A";
    long serial = 7;
    long sheet = 3;
    int[] levels;

    Rec code(int c) {
      this.code = c;
      return this;
    }

    Rec t56(String s) {
      this.t56 = s;
      return this;
    }

    Rec serial(long s) {
      this.serial = s;
      return this;
    }

    Rec sheet(long s) {
      this.sheet = s;
      return this;
    }

    Rec levels(int[] l) {
      this.levels = l;
      return this;
    }
  }

  static Rec rec(int code) {
    return new Rec().code(code);
  }

  /** MSB-first bit writer over a fixed-size record. */
  static final class BitWriter {
    final byte[] buf;
    long pos;

    BitWriter(int bytes) {
      buf = new byte[bytes];
    }

    void put(long value, int bits) {
      for (int i = bits - 1; i >= 0; i--) {
        if (((value >>> i) & 1) != 0) {
          buf[(int) (pos >>> 3)] |= (byte) (0x80 >>> (pos & 7));
        }
        pos++;
      }
    }

    /** Undefined bits: a pattern that is neither all zeros nor all ones. */
    void noise(long bits) {
      for (long i = 0; i < bits; i++) {
        put(((pos * 7 + 3) % 5) < 2 ? 1 : 0, 1);
      }
    }
  }

  static int width(EtlFormat f) {
    switch (f) {
      case M:
      case B8:
      case B9:
        return 64;
      case K:
        return 60;
      case C:
        return 72;
      default:
        return 128;
    }
  }

  static int height(EtlFormat f) {
    switch (f) {
      case M:
      case B8:
      case B9:
        return 63;
      case K:
        return 60;
      case C:
        return 76;
      default:
        return 127;
    }
  }

  static int depth(EtlFormat f) {
    switch (f) {
      case K:
        return 6;
      case B8:
      case B9:
        return 1;
      default:
        return 4;
    }
  }

  /** A pattern of levels that differs in every row and column and uses every level. */
  static int[] pattern(EtlFormat f) {
    int w = width(f);
    int h = height(f);
    int max = (1 << depth(f)) - 1;
    int[] l = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        l[y * w + x] = (x * 5 + y * 3 + (x * y) % 7) % (max + 1);
      }
    }
    return l;
  }

  static byte[] record(EtlFormat f, Rec r) {
    int[] levels = r.levels != null ? r.levels : pattern(f);
    int d = depth(f);
    switch (f) {
      case M: {
        // >H2sH6BI4H4B4x2016s4x
        BitWriter w = new BitWriter(2052);
        w.put(1234, 16); // data number
        w.put('A', 8);
        w.put(' ', 8); // character code "A "
        w.put(r.sheet, 16);
        w.put(r.code, 8); // JIS X 0201
        w.put(0xC1, 8); // EBCDIC
        w.put(0, 8);
        w.put(0, 8);
        w.put(1, 8);
        w.put(25, 8); // evaluations, sex, age
        w.put(r.serial, 32);
        w.put(11, 16);
        w.put(22, 16);
        w.put(7301, 16);
        w.put(7302, 16); // industry, occupation, dates
        w.put(4, 8);
        w.put(5, 8);
        w.put(0, 8);
        w.put(255, 8); // positions, min, max level
        w.noise(4 * 8);
        image(w, levels, d);
        w.noise(4 * 8);
        return done(w, 2052);
      }
      case K: {
        // 6-bit units: serial 6, style 1, spaces 5, contents 6, style 6, zeros 4, CO-59 2,
        // undefined 30, image 3600
        BitWriter w = new BitWriter(2745);
        w.put(r.serial, 36);
        w.put(T56.indexOf('A'), 6);
        t56(w, "     ");
        t56(w, "KANJI ");
        t56(w, "MINCHO");
        w.put(0, 24);
        w.put(r.code, 12);
        w.noise(30 * 6);
        image(w, levels, d);
        return done(w, 2745);
      }
      case C: {
        // 6-bit units: serial 6, sheet 6, JIS 6 (left 8 bits), EBCDIC 6 (left 8 bits), T56 4,
        // spaces 2, 15 integers of 6, undefined 168, image 3648
        BitWriter w = new BitWriter(2952);
        w.put(r.serial, 36);
        w.put(r.sheet, 36);
        w.put(r.code, 8);
        w.noise(28);
        w.put(0xC1, 8);
        w.noise(28);
        t56(w, r.t56);
        t56(w, "  ");
        for (int i = 0; i < 15; i++) {
          w.put(i + 1, 36);
        }
        w.noise(168 * 6);
        image(w, levels, d);
        return done(w, 2952);
      }
      case B8:
      case B9: {
        // >H2s4s504s (9B: plus 64x)
        int len = f == EtlFormat.B8 ? 512 : 576;
        BitWriter w = new BitWriter(len);
        w.put(r.sheet, 16);
        w.put(r.code, 16);
        ascii(w, "AI.M");
        image(w, levels, d);
        if (f == EtlFormat.B9) {
          w.noise(64 * 8);
        }
        return done(w, len);
      }
      case G8:
      case G9: {
        // 8G >H2s8sI4B4H2B30x8128s11x ; 9G >H2s8sI4B4H2B34x8128s7x
        BitWriter w = new BitWriter(8199);
        w.put(r.sheet, 16);
        w.put(r.code, 16);
        ascii(w, "AI.MEDER");
        w.put(r.serial, 32);
        w.put(0, 8);
        w.put(0, 8);
        w.put(2, 8);
        w.put(30, 8);
        w.put(11, 16);
        w.put(22, 16);
        w.put(7301, 16);
        w.put(7302, 16);
        w.put(9, 8);
        w.put(10, 8);
        w.noise((f == EtlFormat.G8 ? 30 : 34) * 8);
        image(w, levels, d);
        w.noise((f == EtlFormat.G8 ? 11 : 7) * 8);
        return done(w, 8199);
      }
      default:
        throw new AssertionError(f);
    }
  }

  /** The bit offset at which {@link #record} starts the image, found by writing up to it. */
  static long imageBitOffset(EtlFormat f) {
    // Levels of all ones mark the image; find the first bit of the image by writing a record
    // whose image is all ones and one whose image is all zeros, and diffing.
    int[] ones = new int[width(f) * height(f)];
    java.util.Arrays.fill(ones, (1 << depth(f)) - 1);
    byte[] a = record(f, new Rec().levels(ones));
    byte[] b = record(f, new Rec().levels(new int[width(f) * height(f)]));
    for (long bit = 0; bit < a.length * 8L; bit++) {
      int ba = (a[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1;
      int bb = (b[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1;
      if (ba != bb) {
        return bit;
      }
    }
    throw new AssertionError("no image bits in " + f);
  }

  private static void image(BitWriter w, int[] levels, int depth) {
    for (int v : levels) {
      w.put(v, depth);
    }
  }

  private static void t56(BitWriter w, String s) {
    for (char c : s.toCharArray()) {
      int i = T56.indexOf(c);
      if (i < 0) {
        throw new IllegalArgumentException("not a T56 character: " + c);
      }
      w.put(i, 6);
    }
  }

  private static void ascii(BitWriter w, String s) {
    for (char c : s.toCharArray()) {
      w.put(c, 8);
    }
  }

  private static byte[] done(BitWriter w, int len) {
    if (w.pos != len * 8L) {
      throw new AssertionError("layout wrote " + w.pos + " bits, record has " + len * 8);
    }
    return w.buf;
  }

  /** Concatenated records. */
  static byte[] file(EtlFormat f, List<Rec> recs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Rec r : recs) {
      out.writeBytes(record(f, r));
    }
    return out.toByteArray();
  }

  /** {@code n} records with codes from {@code codes}, cycling, serials 1..n. */
  static List<Rec> recs(int n, int... codes) {
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(rec(codes[i % codes.length]).serial(i + 1));
    }
    return out;
  }
}
