package dev.preaug.core.preview;

import dev.preaug.core.image.Image;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The layout and drawing of a preview contact sheet: a two-line header, then one row per sample
 * whose cells are the original image followed by its augmented variants, each image zoomed by an
 * integer {@code scale} and labelled underneath in the built-in font.
 *
 * <p>The size is a pure function of (rows, columns, image size, scale), never of the text, so it
 * can be stated and tested. With {@code u = max(1, scale / 2)} (the text zoom):
 * <pre>
 * cellWidth  = max(W * scale, 20 * 6u)             20 characters of label at least
 * cellHeight = H * scale + 4u + 3 * 10u            image, gap, three label lines
 * width      = 2 * 8u + columns * cellWidth + (columns - 1) * 8u
 * height     = 2 * 8u + (2 * 10u + 6u) + rows * cellHeight + (rows - 1) * 14u
 * </pre>
 * e.g. 64x64 images at scale 2, 8 rows of 1 + 6 cells: 960 x 1436 pixels. Images may be any
 * {@code W x H} (all of one sheet share it) and gray or RGB: the sheet is gray when every image
 * on it is, RGB otherwise (gray images, text and frames then have equal bands).
 */
public final class ContactSheet {
  public static final int LABEL_LINES = 3;
  public static final int HEADER_LINES = 2;
  /** Cells are at least this many label characters wide, so op specs stay readable. */
  public static final int MIN_LABEL_CHARS = 20;
  /** Numbers in op specs are shown with at most this many decimals. */
  public static final int SPEC_DECIMALS = 2;
  /** Largest sheet drawn: 2^27 pixels, a 128 MiB raster when gray, 384 MiB when RGB. */
  public static final long MAX_PIXELS = 1L << 27;
  static final int BACKGROUND = 236;
  static final int INK = 0;
  static final int FRAME = 140;
  static final int EMPTY = 200;

  private final int columns;
  private final int imageWidth;
  private final int imageHeight;
  private final int scale;
  private final int u;

  /**
   * @throws IllegalArgumentException for sizes below 1 and for a scale above 64
   */
  public ContactSheet(int columns, int imageWidth, int imageHeight, int scale) {
    if (columns < 1 || imageWidth < 1 || imageHeight < 1 || scale < 1 || scale > 64) {
      throw new IllegalArgumentException("sheet of " + columns + " columns of " + imageWidth + "x"
          + imageHeight + " images at scale " + scale + ": sizes must be positive, scale 1..64");
    }
    this.columns = columns;
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
    this.scale = scale;
    this.u = Math.max(1, scale / 2);
  }

  /** One cell: an image (or none) and its label. */
  public static final class Cell {
    private final Image image;
    private final List<String> caption;
    private final String spec;

    private Cell(Image image, List<String> caption, String spec) {
      this.image = image;
      this.caption = caption;
      this.spec = spec;
    }

    /** An image labelled with up to three lines of text, each elided to fit. */
    public static Cell caption(Image image, String... lines) {
      return new Cell(image, List.of(lines), null);
    }

    /** An image labelled with an op spec, numbers rounded, one step per line. */
    public static Cell spec(Image image, String spec) {
      return new Cell(image, List.of(), Objects.requireNonNull(spec, "spec"));
    }

    /** The image, or null for a cell that only holds text. */
    public Image image() {
      return image;
    }

    /** The label as drawn in a cell {@code chars} characters wide. */
    public List<String> lines(int chars) {
      if (spec != null) {
        return LabelText.wrapSpec(LabelText.ascii(LabelText.roundNumbers(spec, SPEC_DECIMALS)),
            chars, LABEL_LINES);
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < caption.size() && i < LABEL_LINES; i++) {
        out.add(LabelText.elide(LabelText.ascii(caption.get(i)), chars));
      }
      return out;
    }
  }

  public int columns() {
    return columns;
  }

  /** The zoom of label text: 1 up to scale 3, then half the image scale. */
  public int textScale() {
    return u;
  }

  public int margin() {
    return 8 * u;
  }

  /** Space between columns. */
  public int gap() {
    return 8 * u;
  }

  /** Space between rows: more than between columns, so a label reads as part of its row. */
  public int rowGap() {
    return 14 * u;
  }

  public int headerHeight() {
    return HEADER_LINES * BitmapFont.LINE_HEIGHT * u + 6 * u;
  }

  public int cellWidth() {
    return Math.max(imageWidth * scale, MIN_LABEL_CHARS * BitmapFont.ADVANCE * u);
  }

  public int cellHeight() {
    return imageHeight * scale + 4 * u + LABEL_LINES * BitmapFont.LINE_HEIGHT * u;
  }

  /** Label characters that fit across a cell. */
  public int labelChars() {
    return cellWidth() / (BitmapFont.ADVANCE * u);
  }

  public long width() {
    return 2L * margin() + (long) columns * cellWidth() + (columns - 1L) * gap();
  }

  public long height(int rows) {
    return 2L * margin() + headerHeight() + (long) rows * cellHeight() + (rows - 1L) * rowGap();
  }

  /**
   * Checks that a sheet of {@code rows} rows is drawable.
   *
   * @throws IllegalArgumentException naming the size when it exceeds {@link #MAX_PIXELS}
   */
  public void checkSize(int rows) {
    if (rows < 1 || width() * height(rows) > MAX_PIXELS || width() > Integer.MAX_VALUE
        || height(rows) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a sheet of " + rows + " rows x " + columns
          + " columns at scale " + scale + " would be " + width() + "x" + height(rows)
          + " pixels, more than " + MAX_PIXELS + " (2^27)");
    }
  }

  /** Left edge of column {@code col}'s cell. */
  public int cellX(int col) {
    return margin() + col * (cellWidth() + gap());
  }

  /** Top edge of row {@code row}'s cell. */
  public int cellY(int row) {
    return margin() + headerHeight() + row * (cellHeight() + rowGap());
  }

  /** Left edge of the image in column {@code col}: centred in its cell. */
  public int imageX(int col) {
    return cellX(col) + (cellWidth() - imageWidth * scale) / 2;
  }

  /**
   * Draws the sheet: the header phrases (flowed into two lines, most important first, the rest
   * elided) and the rows, each at most {@link #columns()} cells; missing cells stay blank. The
   * raster is RGB when any image is, else gray.
   */
  public Raster render(List<String> header, List<List<Cell>> rows) {
    checkSize(rows.size());
    Raster r = new Raster((int) width(), (int) height(rows.size()), channels(rows), BACKGROUND);
    int headerChars = (int) ((width() - 2L * margin()) / (BitmapFont.ADVANCE * u));
    List<String> phrases = new ArrayList<>();
    header.forEach(h -> phrases.add(LabelText.ascii(h)));
    List<String> lines = LabelText.flow(phrases, headerChars, HEADER_LINES);
    for (int i = 0; i < lines.size(); i++) {
      r.text(lines.get(i), margin(), margin() + i * BitmapFont.LINE_HEIGHT * u, u, INK);
    }
    if (columns > 1) {
      // A rule between the originals and their variants, so the eye groups each row.
      int x = cellX(1) - gap() / 2;
      r.fill(x, cellY(0) - rowGap() / 2, 1, (int) height(rows.size()) - cellY(0), FRAME);
    }
    int chars = labelChars();
    for (int row = 0; row < rows.size(); row++) {
      List<Cell> cells = rows.get(row);
      if (cells.size() > columns) {
        throw new IllegalArgumentException("row " + row + " has " + cells.size()
            + " cells, the sheet " + columns + " columns");
      }
      for (int col = 0; col < cells.size(); col++) {
        draw(r, cells.get(col), row, col, chars);
      }
    }
    return r;
  }

  /** 3 when any cell holds an RGB image, else 1. */
  static int channels(List<List<Cell>> rows) {
    for (List<Cell> row : rows) {
      for (Cell c : row) {
        if (c.image() != null && c.image().channels() > 1) {
          return c.image().channels();
        }
      }
    }
    return 1;
  }

  private void draw(Raster r, Cell cell, int row, int col, int chars) {
    int x = imageX(col);
    int y = cellY(row);
    int w = imageWidth * scale;
    int h = imageHeight * scale;
    Image img = cell.image();
    if (img == null) {
      r.fill(x, y, w, h, EMPTY);
    } else {
      if (img.width() != imageWidth || img.height() != imageHeight) {
        throw new IllegalArgumentException("image " + img.width() + "x" + img.height()
            + " in a sheet of " + imageWidth + "x" + imageHeight + " images");
      }
      r.image(img, x, y, scale);
    }
    r.frame(x, y, w, h, FRAME);
    List<String> lines = cell.lines(chars);
    for (int i = 0; i < lines.size(); i++) {
      r.text(lines.get(i), cellX(col), y + h + 4 * u + i * BitmapFont.LINE_HEIGHT * u, u, INK);
    }
  }

  @Override
  public String toString() {
    return "ContactSheet" + Arrays.asList(columns, imageWidth, imageHeight, scale);
  }
}
