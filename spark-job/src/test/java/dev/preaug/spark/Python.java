package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python with Debian's python3 (numpy, PIL, protobuf): the independent reader a user has,
 * so what preaug writes must load there, not only in Java.
 */
public final class Python {
  public static final String PYTHON = "/usr/bin/python3";

  private Python() {}

  /** Runs {@code script args...} from spark-job/src/test/python; returns stdout, stripped. */
  public static String run(String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.add(TestData.repoRoot().resolve("spark-job/src/test/python").resolve(script).toString());
    cmd.addAll(List.of(args));
    return exec(cmd, 300, script).strip();
  }

  /** Runs {@code code} with {@code args} as sys.argv[1:]; returns stdout as printed. */
  public static String runCode(String code, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", code));
    cmd.addAll(List.of(args));
    return exec(cmd, 120, "python -c");
  }

  /** Fails the test with stderr unless the command exits 0 within {@code seconds}. */
  private static String exec(List<String> cmd, int seconds, String what) throws Exception {
    Path out = Files.createTempFile("py", ".out");
    Path err = Files.createTempFile("py", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), what + " timed out");
      assertEquals(0, p.exitValue(), what + " failed (needs Debian python3-numpy,"
          + " python3-protobuf, python3-pil; .ci/run installs them): "
          + Files.readString(err, StandardCharsets.UTF_8));
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
