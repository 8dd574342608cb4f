package dev.preaug.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileOutputTest {
  private static final int MIB = 1 << 20;

  @TempDir
  Path dir;

  /**
   * Lengths around the block and buffer edges, written in random pieces (single bytes among
   * them) with flushes in between, come back exactly: the padded last block is cut off, and a
   * flush that leaves a partial block loses nothing.
   */
  @Test
  void everyLengthAndWritePatternComesBackExactly() throws IOException {
    int[] lengths = {0, 1, 511, 4095, 4096, 4097, MIB - 1, MIB, MIB + 1, 2 * MIB + 4096,
        3 * MIB + 12_345};
    SplittableRandom r = new SplittableRandom(7);
    for (boolean directIo : new boolean[] {true, false}) {
      for (int length : lengths) {
        byte[] data = new byte[length];
        r.nextBytes(data);
        Path f = dir.resolve("f-" + directIo + "-" + length);
        try (LocalFileOutput out = LocalFileOutput.create(f, false, directIo)) {
          int at = 0;
          while (at < length) {
            int n = Math.min(length - at, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(300_000));
            if (n == 1) {
              out.write(data[at]);
            } else {
              out.write(data, at, n);
            }
            at += n;
            if (r.nextInt(5) == 0) {
              out.flush();
            }
          }
        }
        assertArrayEquals(data, Files.readAllBytes(f), "directIo " + directIo + ", " + length);
      }
    }
  }

  /**
   * Where this file system takes O_DIRECT (ext4, xfs...), a file past one buffer uses it and a
   * smaller one does not; with direct I/O off, none does.
   */
  @Test
  void largeFilesBypassThePageCacheWhereTheFileSystemAllows() throws IOException {
    byte[] big = new byte[2 * MIB + 100];
    new SplittableRandom(3).nextBytes(big);
    LocalFileOutput small = LocalFileOutput.create(dir.resolve("small"), false, true);
    small.write(big, 0, MIB - 1);
    small.close();
    assertFalse(small.directIo());
    LocalFileOutput off = LocalFileOutput.create(dir.resolve("off"), false, false);
    off.write(big);
    off.close();
    assertFalse(off.directIo());
    LocalFileOutput on = LocalFileOutput.create(dir.resolve("on"), false, true);
    on.write(big);
    on.close();
    assertEquals(directIoWorksIn(dir), on.directIo());
    assertArrayEquals(big, Files.readAllBytes(dir.resolve("on")));
  }

  /** tmpfs refused O_DIRECT before Linux 6.6 and takes it since: correct bytes either way. */
  @Test
  void aMemoryFileSystemGetsCorrectBytesEitherWay() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm here");
    Path d = Files.createTempDirectory(shm, "preaug-lfo");
    try {
      byte[] data = new byte[MIB + 4097];
      new SplittableRandom(11).nextBytes(data);
      Path f = d.resolve("f");
      try (LocalFileOutput out = LocalFileOutput.create(f, false, true)) {
        out.write(data);
      }
      assertArrayEquals(data, Files.readAllBytes(f));
      Files.delete(f);
    } finally {
      Files.delete(d);
    }
  }

  @Test
  void createNewRefusesAnExistingFileAndReplaceTruncatesIt() throws IOException {
    Path f = dir.resolve("x");
    Files.write(f, new byte[3 * MIB]);
    assertThrows(FileAlreadyExistsException.class, () -> LocalFileOutput.create(f, false, true));
    assertEquals(3 * MIB, Files.size(f));
    try (LocalFileOutput out = LocalFileOutput.create(f, true, true)) {
      out.write(new byte[] {1, 2, 3});
    }
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
  }

  /**
   * A failing write reaches the caller, whether it ran in the caller's thread or behind it:
   * /dev/full answers every write with ENOSPC.
   */
  @Test
  void aWriteErrorReachesTheCaller() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no /dev/full here");
    IOException e = assertThrows(IOException.class, () -> {
      try (LocalFileOutput out = LocalFileOutput.create(full, true, true)) {
        byte[] chunk = new byte[MIB];
        for (int k = 0; k < 4; k++) {
          out.write(chunk);
        }
      }
    });
    assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
  }

  @Test
  void writesAfterCloseFailNamingTheFile() throws IOException {
    Path f = dir.resolve("closed");
    LocalFileOutput out = LocalFileOutput.create(f, false, true);
    out.close();
    out.close();
    IOException e = assertThrows(IOException.class, () -> out.write(1));
    assertEquals(f + ": stream closed", e.getMessage());
  }

  private static boolean directIoWorksIn(Path dir) {
    Path probe = dir.resolve("probe");
    try {
      Files.write(probe, new byte[0]);
      long block = Files.getFileStore(probe).getBlockSize();
      try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE,
          com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
        return block > 0 && block <= 65536 && MIB % block == 0;
      }
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // the temp dir goes anyway
      }
    }
  }
}
