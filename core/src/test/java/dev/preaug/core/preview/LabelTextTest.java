package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTextTest {

  @Test
  void numbersAreRoundedForReadingOnly() {
    assertEquals("rotate(-7.31)|gaussian_blur(0.84)",
        LabelText.roundNumbers("rotate(-7.312948123091345)|gaussian_blur(0.8412345)", 2));
    assertEquals("resize_paste(25,40,3,-7)",
        LabelText.roundNumbers("resize_paste(25,40,3,-7)", 2));
    assertEquals("shear(0.1,-0.05)", LabelText.roundNumbers("shear(0.1,-0.0500001)", 2));
    assertEquals("sine(-0)|smooth", LabelText.roundNumbers("sine(-0.001)|smooth", 2));
    assertEquals("rotate(0)", LabelText.roundNumbers("rotate(1E-7)", 2));
    assertEquals("identity", LabelText.roundNumbers("identity", 2));
  }

  @Test
  void specsWrapOneStepPerLine() {
    assertEquals(List.of("rotate(-7.31)|", "gaussian_blur(0.84)"),
        LabelText.wrapSpec("rotate(-7.31)|gaussian_blur(0.84)", 21, 3));
    assertEquals(List.of("resize_paste(25,40,3,", "7)|", "sharpen"),
        LabelText.wrapSpec("resize_paste(25,40,3,7)|sharpen", 21, 3));
    assertEquals(List.of("smooth"), LabelText.wrapSpec("smooth", 21, 3));
  }

  @Test
  void whatDoesNotFitIsElided() {
    List<String> lines = LabelText.wrapSpec("rotate(1)|shear(0.1,0.2)|sine(0.2)|smooth", 12, 3);
    assertEquals(List.of("rotate(1)|", "shear(0.1,", "0.2)|.."), lines);
    for (String l : LabelText.wrapSpec("abcdefghijklmnopqrstuvwxyz", 5, 2)) {
      assertTrue(l.length() <= 5, l);
    }
    assertEquals(List.of("abcde", "fgh.."), LabelText.wrapSpec("abcdefghijklmnopqrstuvwxyz", 5,
        2));
    assertEquals("class 1..", LabelText.elide("class 12345678", 9));
    assertEquals("short", LabelText.elide("short", 9));
  }

  @Test
  void phrasesFlowIntoTheHeaderLines() {
    assertEquals(List.of("seed 7; epoch 0", "8 samples"),
        LabelText.flow(List.of("seed 7", "epoch 0", "8 samples"), 16, 2));
    assertEquals(List.of("seed 7; epoch 0", "8 samples.."),
        LabelText.flow(List.of("seed 7", "epoch 0", "8 samples", "scale 2"), 16, 2));
    assertEquals(List.of("a very long phr.."),
        LabelText.flow(List.of("a very long phrase indeed"), 17, 1));
  }

  @Test
  void nonAsciiBecomesCodePoints() {
    assertEquals("class 3 U+6F22", LabelText.ascii("class 3 \u6f22"));
    assertEquals("U+1F600", LabelText.ascii(new String(Character.toChars(0x1F600))));
  }
}
