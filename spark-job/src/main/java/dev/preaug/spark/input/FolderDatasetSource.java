package dev.preaug.spark.input;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.etl.LabelVocabulary;
import dev.preaug.core.folder.FolderImages;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Resample;
import dev.preaug.spark.FsUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Image folders: {@code root/<class>/*.png|jpg|jpeg|bmp|gif}. Class ids follow the sorted class
 * folder names; inside a class, files are read in sorted name order. Each image becomes exactly
 * Pillow's {@code Image.open(f).convert(mode).resize((w, h), resample)} ({@link FolderImages}):
 * mode L (1 channel, the default) or RGB (3, pixels HWC), bicubic by default. The driver lists
 * only the class folders; a scan job counts the files of each, and the epochs read them in chunks.
 */
public final class FolderDatasetSource extends UnitSource<FolderDatasetSource.Chunk> {
  private static final long serialVersionUID = 1L;
  static final int CHUNK_FILES = 1024;
  private static final Comparator<String> ORDER = LabelVocabulary.CODE_POINT_ORDER;

  /** Files [from, to) (in sorted order) of one class folder; to = -1 before counting. */
  public static final class Chunk implements Serializable {
    private static final long serialVersionUID = 1L;
    final String className;
    final long from;
    final long to;

    Chunk(String className, long from, long to) {
      this.className = className;
      this.from = from;
      this.to = to;
    }
  }

  private final String root;
  private final int width;
  private final int height;
  private final int channels;
  private final Resample resample;
  private final List<String> classes;
  private final boolean full;

  private FolderDatasetSource(String root, List<Chunk> units, int width, int height,
      int channels, Resample resample, List<String> classes, boolean full) {
    super(units);
    this.root = root;
    this.width = width;
    this.height = height;
    this.channels = Image.checkChannels(channels);
    this.resample = resample;
    this.classes = List.copyOf(classes);
    this.full = full;
  }

  /** The folder input of a config: its size, {@code input.folder.mode} and resample filter. */
  public static FolderDatasetSource open(String rootUri, PreaugConfig c, Configuration conf,
      PrintStream log) {
    return open(rootUri, c.sizeWidth(), c.sizeHeight(), c.folderChannels(), c.folderResample(),
        conf, log, c.fingerprintMode());
  }

  public static FolderDatasetSource open(String rootUri, int width, int height, int channels,
      Resample resample, Configuration conf, PrintStream log,
      PreaugConfig.FingerprintMode mode) {
    Path root = new Path(rootUri);
    FileSystem fs = FsUtil.fs(root, conf);
    List<String> classes = new ArrayList<>();
    try {
      FileStatus[] entries;
      try {
        entries = fs.listStatus(root);
      } catch (java.io.FileNotFoundException e) {
        throw new BadInputException(rootUri, "", "no such directory");
      }
      for (FileStatus st : entries) {
        String n = st.getPath().getName();
        if (n.startsWith(".") || n.startsWith("_")) {
          continue;
        }
        if (st.isDirectory()) {
          classes.add(n);
        } else {
          log.println("folder: not read: " + n + ": a file at the root (images go in"
              + " root/<class>/)");
        }
      }
    } catch (org.apache.hadoop.security.AccessControlException e) {
      throw new BadInputException(rootUri, "", "permission denied");
    } catch (IOException e) {
      throw new BadInputException(rootUri, "", "cannot list: " + FsUtil.oneLine(e), e);
    }
    if (classes.isEmpty()) {
      throw new BadInputException(rootUri, "", "holds no class folders (expected"
          + " root/<class>/*.png|jpg)");
    }
    classes.sort(ORDER);
    List<Chunk> units = new ArrayList<>();
    for (String c : classes) {
      units.add(new Chunk(c, 0, -1));
    }
    return new FolderDatasetSource(fs.makeQualified(root).toString(), units, width, height,
        channels, resample, classes, mode == PreaugConfig.FingerprintMode.FULL);
  }

  static boolean isImage(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
        || n.endsWith(".gif");
  }

  /** The image files of a class folder, sorted by name. */
  private FileStatus[] files(String className, Configuration conf) throws IOException {
    Path dir = new Path(new Path(root), className);
    FileStatus[] all = FsUtil.fs(dir, conf).listStatus(dir,
        p -> isImage(p.getName()) && !p.getName().startsWith("."));
    Arrays.sort(all, (a, b) -> ORDER.compare(a.getPath().getName(), b.getPath().getName()));
    return all;
  }

  @Override
  UnitScan scanUnit(Chunk unit, Configuration conf) throws IOException {
    FileStatus[] files = files(unit.className, conf);
    StringBuilder digest = new StringBuilder(unit.className).append('\n');
    FileSystem fs = FsUtil.fs(new Path(root), conf);
    for (FileStatus f : files) {
      digest.append(f.getPath().getName()).append(' ').append(f.getLen());
      if (full) {
        // Every byte of every image, read by this scan task: the folders are hashed in parallel.
        digest.append(' ').append(HexFormat.of().formatHex(
            ContentDigest.sha256(fs, f.getPath(), 0, f.getLen())));
      }
      digest.append('\n');
    }
    HashMap<String, Long> labels = new HashMap<>();
    if (files.length > 0) {
      labels.put(unit.className, (long) files.length);
    }
    return new UnitScan(files.length, labels, sha(digest.toString()));
  }

  private static byte[] sha(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public DatasetSource scan(JavaSparkContext sc) throws IOException {
    if (scanned()) {
      return this;
    }
    FolderDatasetSource counted = (FolderDatasetSource) super.scan(sc);
    // Re-cut the counted classes into chunks so a big class is read by several tasks.
    List<Chunk> chunks = new ArrayList<>();
    for (int u = 0; u < counted.units.size(); u++) {
      long n = counted.base[u + 1] - counted.base[u];
      String c = counted.units.get(u).className;
      for (long from = 0; from < n; from += CHUNK_FILES) {
        chunks.add(new Chunk(c, from, Math.min(n, from + CHUNK_FILES)));
      }
    }
    FolderDatasetSource out = new FolderDatasetSource(root, chunks, width, height, channels,
        resample, classes, full);
    out.base = new long[chunks.size() + 1];
    for (int i = 0; i < chunks.size(); i++) {
      out.base[i + 1] = out.base[i] + chunks.get(i).to - chunks.get(i).from;
    }
    out.vocabulary = counted.vocabulary;
    out.fingerprint = counted.fingerprint;
    return out;
  }

  @Override
  Iterator<Sample> readUnit(Chunk unit, long first, LabelVocabulary vocab, Configuration conf)
      throws IOException {
    FileStatus[] files = files(unit.className, conf);
    if (files.length < unit.to) {
      throw new BadInputException(new Path(new Path(root), unit.className).toString(), "",
          "holds " + files.length + " images, " + unit.to + " were counted when the run"
              + " started (the input changed during the run)");
    }
    int label = vocab.id(unit.className);
    FileSystem fs = FsUtil.fs(new Path(root), conf);
    return new Iterator<>() {
      long i = unit.from;

      @Override
      public boolean hasNext() {
        return i < unit.to;
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Path p = files[(int) i].getPath();
        byte[] px = decode(fs, p, width, height, channels, resample);
        return new Sample(first + (i++ - unit.from), label, px);
      }
    };
  }

  /**
   * One image as Pillow's {@code convert(mode).resize((width, height), resample)} gives it, HWC;
   * errors name the file.
   */
  static byte[] decode(FileSystem fs, Path p, int width, int height, int channels,
      Resample resample) {
    try (InputStream in = fs.open(p)) {
      return FolderImages.read(in, p.toString(), channels, width, height, resample).array();
    } catch (IOException e) {
      throw new BadInputException(p.toString(), "", "cannot read image: " + FsUtil.oneLine(e));
    }
  }

  @Override
  UnitSource<Chunk> copy() {
    FolderDatasetSource c = new FolderDatasetSource(root, units, width, height, channels,
        resample, classes, full);
    c.fingerprint = fingerprint;
    return c;
  }

  @Override
  String fingerprintSalt() {
    // The pixels depend on mode and filter too: another one must never match an epoch's input.
    return "folder\n" + width + "x" + height + "\n" + Image.modeOf(channels) + "\n"
        + resample.configName() + "\n";
  }

  @Override
  boolean fullFingerprint() {
    return full;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int width() {
    return width;
  }

  /** 1 for {@code input.folder.mode = L}, 3 for {@code RGB}. */
  @Override
  public int channels() {
    return channels;
  }

  @Override
  public String describe() {
    return "folder " + root + " (" + classes.size() + " classes"
        + (scanned() ? ", " + samples() + " images" : "") + ", mode " + Image.modeOf(channels)
        + ", resized to " + width + "x" + height + " " + resample.configName() + ")";
  }

}
