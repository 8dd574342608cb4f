package dev.preaug.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of the test resources with Debian's python3, which has numpy, Pillow, torch and
 * torchvision (test.sh installs them): the live reference a test compares Java with, so the
 * reference is torchvision itself rather than numbers copied from it.
 */
public final class Python {
  public static final String PYTHON = "/usr/bin/python3";

  private Python() {}

  /**
   * Runs the resource {@code script} (e.g. {@code tv-policies/spaces.py}) with {@code args} as
   * sys.argv[1:] and returns its stdout; fails the test with stderr unless it exits 0 within
   * {@code seconds}.
   */
  public static String run(String script, int seconds, String... args)
      throws IOException, InterruptedException {
    String code;
    try (InputStream in = Python.class.getClassLoader().getResourceAsStream(script)) {
      assertNotNull(in, "test resource " + script);
      code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", code));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("py", ".out");
    Path err = Files.createTempFile("py", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        assertTrue(false, script + " did not finish in " + seconds + " s");
      }
      assertEquals(0, p.exitValue(), script + " failed (needs Debian's python3-torchvision;"
          + " test.sh installs it): " + Files.readString(err, StandardCharsets.UTF_8));
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
