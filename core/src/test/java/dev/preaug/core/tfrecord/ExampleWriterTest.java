package dev.preaug.core.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExampleWriterTest {
  private static OutputRecord random(SplittableRandom r) {
    int h = 1 + r.nextInt(80);
    int w = 1 + r.nextInt(80);
    byte[] px = new byte[h * w];
    r.nextBytes(px);
    long index = r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(1 << 21);
    int label = r.nextInt(3) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(200);
    boolean aug = r.nextBoolean();
    String ops = aug ? (r.nextBoolean() ? "rotate(-7.3129)|gaussian_blur(0.84)" : "identity")
        : "";
    if (r.nextInt(10) == 0) {
      ops = "sine(0.17)|\u00e9\u6f22";
    }
    return new OutputRecord(index, label, aug, ops, h, w, 1, px);
  }

  @Test
  void sameBytesAsTheGeneratedProtobufCode() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 5000; i++) {
      OutputRecord rec = random(r);
      assertArrayEquals(ExampleCodec.encode(rec, ImageEncoding.RAW), ExampleWriter.encodeRaw(rec),
          "record " + i + ": " + rec);
    }
  }

  @Test
  void edgeValues() {
    for (long index : new long[] {0, 1, 127, 128, 16383, 16384, Long.MAX_VALUE}) {
      for (int label : new int[] {0, 127, 128, Integer.MAX_VALUE}) {
        OutputRecord rec = new OutputRecord(index, label, false, "", 64, 64, 1, new byte[4096]);
        assertArrayEquals(ExampleCodec.encode(rec, ImageEncoding.RAW),
            ExampleWriter.encodeRaw(rec));
      }
    }
  }
}
