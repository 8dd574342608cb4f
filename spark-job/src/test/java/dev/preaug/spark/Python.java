package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the test scripts in spark-job/src/test/python with Debian's python3. */
public final class Python {
  public static final String PYTHON = "/usr/bin/python3";

  private Python() {}

  /** Runs {@code script args...}; fails the test with stderr unless it exits 0. Returns stdout. */
  public static String run(String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.add(TestData.repoRoot().resolve("spark-job/src/test/python").resolve(script).toString());
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("py", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), script + " timed out");
    String e = Files.readString(err);
    Files.delete(err);
    assertEquals(0, p.exitValue(), script + " failed (needs Debian python3-numpy,"
        + " python3-protobuf, python3-pil; .ci/run installs them): " + e);
    return out.strip();
  }
}
