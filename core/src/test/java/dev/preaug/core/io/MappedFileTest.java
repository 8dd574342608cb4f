package dev.preaug.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {
  @TempDir
  Path dir;

  /**
   * Windows of 4 KiB over a 50,001-byte file: reads that start anywhere, the last byte of a
   * window and reads straddling two windows among them, return the file's bytes.
   */
  @Test
  void readsAnywhereAcrossWindowsReturnTheFilesBytes() throws IOException {
    byte[] data = new byte[50_001];
    new SplittableRandom(1).nextBytes(data);
    Path f = dir.resolve("d.bin");
    Files.write(f, data);
    int maxRead = 700;
    MappedFile m = MappedFile.open(f, maxRead, 4096);
    assertEquals(data.length, m.size());
    SplittableRandom r = new SplittableRandom(2);
    byte[] got = new byte[maxRead + 3];
    for (int k = 0; k < 5_000; k++) {
      int len = 1 + r.nextInt(maxRead);
      int pos = k < 20 ? 4096 * (k + 1) - 1 - (k % 3) : r.nextInt(data.length - len + 1);
      if (pos + len > data.length) {
        continue;
      }
      m.read(pos, got, 3, len);
      assertArrayEquals(Arrays.copyOfRange(data, pos, pos + len),
          Arrays.copyOfRange(got, 3, 3 + len), "pos " + pos + " len " + len);
    }
    m.read(data.length - maxRead, got, 0, maxRead);
    assertArrayEquals(Arrays.copyOfRange(data, data.length - maxRead, data.length),
        Arrays.copyOf(got, maxRead));
  }

  @Test
  void aReadPastTheEndNamesTheFileAndTheOffset() throws IOException {
    Path f = dir.resolve("short.bin");
    Files.write(f, new byte[100]);
    MappedFile m = MappedFile.open(f, 64);
    EOFException e = assertThrows(EOFException.class, () -> m.read(90, new byte[64], 0, 20));
    assertEquals(f.toAbsolutePath() + ": 20 bytes at offset 90 run past the end of the file"
        + " (100 bytes)", e.getMessage());
  }

  /** Tasks share one mapping per unchanged file; a file rewritten since is mapped afresh. */
  @Test
  void theMappingIsSharedUntilTheFileChanges() throws IOException {
    Path f = dir.resolve("s.bin");
    Files.write(f, new byte[] {1, 2, 3, 4});
    MappedFile a = MappedFile.open(f, 2);
    assertSame(a, MappedFile.open(dir.resolve(".").resolve("s.bin"), 2));
    Files.write(f, new byte[] {9, 8, 7, 6, 5});
    MappedFile b = MappedFile.open(f, 2);
    assertNotSame(a, b);
    byte[] got = new byte[2];
    b.read(3, got, 0, 2);
    assertArrayEquals(new byte[] {6, 5}, got);
  }
}
