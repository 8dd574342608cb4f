package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.Image;
import dev.preaug.core.preview.ContactSheet.Cell;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

  /** A test image whose pixel (x, y) is (7x + 13y) mod 256: every position recognisable. */
  private static Image pattern(int w, int h) {
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (7 * x + 13 * y);
      }
    }
    return Image.wrap(w, h, 1, px);
  }

  /** An RGB test image: red (7x + 13y), green 11x, blue 255 - 5y, all mod 256. */
  private static Image colourPattern(int w, int h) {
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int at = (y * w + x) * 3;
        px[at] = (byte) (7 * x + 13 * y);
        px[at + 1] = (byte) (11 * x);
        px[at + 2] = (byte) (255 - 5 * y);
      }
    }
    return Image.wrap(w, h, 3, px);
  }

  private static List<List<Cell>> rows(int rows, int columns, Image img) {
    List<List<Cell>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.caption(img, "sample " + r, "class " + r, "original"));
      for (int c = 1; c < columns; c++) {
        row.add(Cell.spec(img, "rotate(-7.312948123091345)|gaussian_blur(0.8412345)"));
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void sizeFollowsTheDocumentedFormula() {
    // The defaults: 64x64 glyphs, 8 rows of 1 + 6 cells, scale 2 (the example in the javadoc
    // and docs/tools.md).
    ContactSheet s = new ContactSheet(7, 64, 64, 2);
    assertEquals(960, s.width());
    assertEquals(1436, s.height(8));
    // Scale 1: cells are as wide as 20 label characters (120 px), wider than the image.
    ContactSheet one = new ContactSheet(3, 64, 64, 1);
    assertEquals(16 + 3 * 120 + 2 * 8, one.width());
    assertEquals(16 + 26 + 2 * (64 + 4 + 30) + 14, one.height(2));
    // Scale 4 doubles the text: u = 2.
    ContactSheet four = new ContactSheet(2, 64, 48, 4);
    assertEquals(2, four.textScale());
    assertEquals(32 + 2 * 256 + 16, four.width());
    assertEquals(32 + 52 + 3 * (192 + 8 + 60) + 2 * 28, four.height(3));
  }

  @Test
  void thePngDecodesWithTheComputedSizeAndShowsTheImagesPixelForPixel() throws IOException {
    Image img = pattern(20, 12);
    ContactSheet s = new ContactSheet(4, 20, 12, 3);
    Raster r = s.render(List.of("preaug preview", "seed 7"), rows(3, 4, img));
    byte[] png = r.png();
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(s.width(), decoded.getWidth());
    assertEquals(s.height(3), decoded.getHeight());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.getType());
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        int x0 = s.imageX(col);
        int y0 = s.cellY(row);
        for (int y = 0; y < 12 * 3; y++) {
          for (int x = 0; x < 20 * 3; x++) {
            int expected = img.get(x / 3, y / 3, 0);
            assertEquals(expected, decoded.getRaster().getSample(x0 + x, y0 + y, 0),
                "row " + row + " col " + col + " at " + x + "," + y);
          }
        }
      }
    }
  }

  @Test
  void colourImagesMakeAnRgbSheetWhereGrayImagesAndPaperStayGray() throws IOException {
    // Non-square on purpose: rows and columns of the zoomed image must not be swapped.
    Image colour = colourPattern(20, 12);
    Image gray = pattern(20, 12);
    ContactSheet s = new ContactSheet(3, 20, 12, 3);
    List<List<Cell>> rows = List.of(
        List.of(Cell.caption(gray, "sample 0", "gray"), Cell.spec(colour, "smooth")),
        List.of(Cell.caption(colour, "sample 1"), Cell.spec(gray, "sharpen"),
            Cell.spec(null, "none")));
    Raster r = s.render(List.of("preaug preview"), rows);
    assertEquals(3, r.channels());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(r.png()));
    assertEquals(BufferedImage.TYPE_3BYTE_BGR, decoded.getType());
    assertEquals(s.width(), decoded.getWidth());
    assertEquals(s.height(2), decoded.getHeight());
    int[][] cells = {{0, 0, 1}, {0, 1, 3}, {1, 0, 3}, {1, 1, 1}};
    for (int[] cell : cells) {
      Image img = cell[2] == 3 ? colour : gray;
      int x0 = s.imageX(cell[1]);
      int y0 = s.cellY(cell[0]);
      for (int y = 0; y < 12 * 3; y++) {
        for (int x = 0; x < 20 * 3; x++) {
          int rgb = decoded.getRGB(x0 + x, y0 + y);
          int[] want = new int[3];
          for (int c = 0; c < 3; c++) {
            want[c] = img.get(x / 3, y / 3, cell[2] == 3 ? c : 0);
          }
          assertArrayEquals(want, new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF},
              "cell " + cell[0] + "," + cell[1] + " at " + x + "," + y);
        }
      }
    }
    assertEquals(ContactSheet.EMPTY, r.gray(s.imageX(2), s.cellY(1)), "blank cell");
    assertEquals(ContactSheet.FRAME, r.gray(s.imageX(1) - 1, s.cellY(0)), "frame");
    assertEquals(ContactSheet.BACKGROUND, r.gray(0, 0), "paper");
    assertTrue(inkIn(r, s.cellX(1), s.cellY(0) + 12 * 3 + 4, s.cellWidth(), 10) > 10,
        "label drawn");
  }

  @Test
  void labelsAreDrawnUnderTheirImagesAndEmptyCellsHaveNone() {
    Image img = pattern(16, 16);
    ContactSheet s = new ContactSheet(3, 16, 16, 2);
    List<List<Cell>> rows = new ArrayList<>();
    rows.add(List.of(Cell.caption(img, "sample 4", "class 2", "original"),
        Cell.spec(img, "smooth")));
    Raster r = s.render(List.of(), rows);
    int labelTop = s.cellY(0) + 16 * 2 + 4;
    assertTrue(inkIn(r, s.cellX(0), labelTop, s.cellWidth(), 30) > 50, "caption drawn");
    assertTrue(inkIn(r, s.cellX(1), labelTop, s.cellWidth(), 10) > 10, "spec drawn");
    assertEquals(0, inkIn(r, s.cellX(1), labelTop + 10, s.cellWidth(), 20), "one line");
    assertEquals(0, inkIn(r, s.cellX(2), s.cellY(0), s.cellWidth(), s.cellHeight()),
        "third cell blank");
    assertEquals(0, inkIn(r, 0, 0, (int) s.width(), s.margin() + 20), "no header");
    Raster withHeader = s.render(List.of("preaug preview"), rows);
    assertTrue(inkIn(withHeader, 0, 0, (int) s.width(), s.margin() + 10) > 30, "header drawn");
  }

  private static int inkIn(Raster r, int x0, int y0, int w, int h) {
    int n = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        if (r.gray(x, y) == ContactSheet.INK) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void renderingIsAPureFunctionOfItsInputs() {
    Image img = pattern(64, 64);
    ContactSheet s = new ContactSheet(7, 64, 64, 2);
    byte[] a = s.render(List.of("h"), rows(2, 7, img)).png();
    byte[] b = s.render(List.of("h"), rows(2, 7, img)).png();
    assertArrayEquals(a, b);
  }

  @Test
  void badLayoutsAreRefused() {
    ContactSheet s = new ContactSheet(2, 8, 8, 1);
    Image img = pattern(8, 8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.render(List.of(), rows(1, 3, img)));
    assertEquals("row 0 has 3 cells, the sheet 2 columns", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> s.render(List.of(), rows(1, 2, pattern(9, 8))));
    assertThrows(IllegalArgumentException.class, () -> new ContactSheet(0, 8, 8, 1));
    IllegalArgumentException lost = assertThrows(IllegalArgumentException.class,
        () -> new Raster(8, 8, 0).image(colourPattern(2, 2), 0, 0, 1));
    assertEquals("an RGB image on a gray raster: draw colour images on an RGB raster",
        lost.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ContactSheet(2, 8, 8, 65));
    ContactSheet huge = new ContactSheet(101, 4096, 4096, 16);
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> huge.checkSize(1000));
    assertTrue(big.getMessage().startsWith("a sheet of 1000 rows x 101 columns at scale 16"
        + " would be "), big.getMessage());
  }
}
