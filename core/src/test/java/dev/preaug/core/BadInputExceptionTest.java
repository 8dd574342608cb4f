package dev.preaug.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
  @Test
  void oneLineNamingSourceWhereAndRule() {
    BadInputException e = new BadInputException("x.npy", "byte 8", "bad\nheader");
    assertEquals("x.npy: byte 8: bad header", e.getMessage());
    assertEquals("x.npy", e.source());
    assertEquals("byte 8", e.where());
    assertEquals("bad\nheader", e.rule());
    assertEquals("my.conf line 3: rule", new BadInputException("my.conf line 3", "", "rule")
        .getMessage());
    assertEquals("src: rule", new BadInputException("src", null, "rule").getMessage());
    Throwable cause = new IllegalStateException();
    BadInputException c = new BadInputException("s", "w", "r", cause);
    assertSame(cause, c.getCause());
    assertEquals("s: w: r", c.getMessage());
  }
}
