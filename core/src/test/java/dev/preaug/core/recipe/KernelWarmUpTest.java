package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background warm-up augments images until closed, and its thread then ends. */
class KernelWarmUpTest {
  private static final Recipe DEFAULT = PreaugConfig.resolve(List.of()).recipe();

  private static void warmUntilItWorks(int w, int h, int c) throws InterruptedException {
    KernelWarmUp warm = KernelWarmUp.start(DEFAULT, w, h, c);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (warm.images() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(warm.images() >= 3, "augmented " + warm.images() + " images in a minute");
    assertTrue(warm.running());
    warm.close();
    assertFalse(warm.running(), "the thread ends on close");
    long after = warm.images();
    Thread.sleep(50);
    assertEquals(after, warm.images(), "nothing runs after close");
  }

  @Test
  void grayGlyphs() throws InterruptedException {
    warmUntilItWorks(64, 64, 1);
  }

  @Test
  void colourImages() throws InterruptedException {
    warmUntilItWorks(32, 32, 3);
  }

  @Test
  void closingRightAwayIsFine() {
    KernelWarmUp warm = KernelWarmUp.start(DEFAULT, 64, 64, 1);
    warm.close();
    assertFalse(warm.running());
  }
}
