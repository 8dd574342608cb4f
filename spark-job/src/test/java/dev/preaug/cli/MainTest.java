package dev.preaug.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI's exit codes follow the failure's type, never its message text. */
class MainTest {
  private static String[] report(Throwable t) {
    StringWriter w = new StringWriter();
    int code = Main.report(t, new PrintWriter(w));
    return new String[] {Integer.toString(code), w.toString()};
  }

  @Test
  void everyKindHasItsExitCodeAlsoBehindWrappers() {
    for (BadInputException.Kind k : BadInputException.Kind.values()) {
      BadInputException bad = new BadInputException(k, "x.npy", "sample 3", "the rule");
      String[] r = report(new RuntimeException("Job aborted", new IllegalStateException(bad)));
      int expected = k == BadInputException.Kind.LOCKED ? Main.EXIT_LOCKED : Main.EXIT_BAD_INPUT;
      assertEquals(Integer.toString(expected), r[0], k.name());
      assertEquals("preaug: error: x.npy: sample 3: the rule\n", r[1].replace("\r", ""));
    }
  }

  @Test
  void aMessageThatMerelyMentionsBadInputIsNotParsed() {
    String[] r = report(new RuntimeException("Job aborted: dev.preaug.core.BadInputException:"
        + " x.npy: sample 3: the rule"));
    assertEquals(Integer.toString(Main.EXIT_FAILURE), r[0]);
    assertTrue(r[1].startsWith("preaug: failed: RuntimeException: Job aborted"), r[1]);
  }
}
