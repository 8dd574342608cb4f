package dev.preaug.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short Python check with Debian's python3 (numpy, PIL), the independent reader a user
 * has: what preaug writes must load there, not only in Java.
 */
final class Python {
  static final String PYTHON = "/usr/bin/python3";

  private Python() {}

  /** Runs {@code code} with {@code args} as sys.argv[1:]; returns stdout, failing on exit != 0. */
  static String run(String code, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", code));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("py", ".out");
    Path err = Files.createTempFile("py", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(out);
    Files.delete(err);
    assertEquals(0, p.exitValue(), "python3 failed (needs Debian python3-numpy and python3-pil;"
        + " .ci/run installs them): " + stderr);
    return stdout;
  }
}
