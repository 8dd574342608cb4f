package dev.preaug.spark.input;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.etl.Co59Table;
import dev.preaug.core.etl.EtlCounts;
import dev.preaug.core.etl.EtlDecoder;
import dev.preaug.core.etl.EtlFileReader;
import dev.preaug.core.etl.EtlFormat;
import dev.preaug.core.etl.EtlFormatException;
import dev.preaug.core.etl.EtlInfoFile;
import dev.preaug.core.etl.EtlInventory;
import dev.preaug.core.etl.EtlListing;
import dev.preaug.core.etl.EtlOptions;
import dev.preaug.core.etl.EtlRecord;
import dev.preaug.core.etl.EtlSource;
import dev.preaug.core.etl.EtlSplit;
import dev.preaug.core.etl.LabelVocabulary;
import dev.preaug.core.etl.SkippedFile;
import dev.preaug.spark.FsUtil;
import dev.preaug.spark.TaskStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The ETL Character Database read natively from its files (local, HDFS, S3A): the driver lists
 * the tree, classifies files, checks record counts against the INFO files and reads the CO-59
 * table; executors decode ranges of records. Samples are the kept records (after group filters,
 * dummies, de-duplication and model-image skipping) numbered in file order.
 */
public final class EtlDatasetSource extends UnitSource<EtlSplit> {
  private static final long serialVersionUID = 1L;
  /** Records per unit: 2048 ETL9G records are 16 MiB, a good task on any cluster. */
  static final int UNIT_RECORDS = 2048;

  private final String root;
  private final EtlDecoder decoder;
  private final String options;
  /** SHA-256 (hex) of the CO-59 table and INFO files the driver read: they decide labels. */
  private final String tables;
  private final boolean full;

  private EtlDatasetSource(String root, List<EtlSplit> units, EtlDecoder decoder, String options,
      String tables, boolean full) {
    super(units);
    this.root = root;
    this.decoder = decoder;
    this.options = options;
    this.tables = tables;
    this.full = full;
  }

  static EtlOptions options(PreaugConfig c) {
    EtlOptions.Builder b = EtlOptions.builder().size(c.sizeWidth(), c.sizeHeight());
    try {
      b.groups(c.raw("input.etl.groups"));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(c.origin("input.etl.groups"), "", "input.etl.groups = '"
          + c.raw("input.etl.groups") + "': " + e.getMessage());
    }
    b.dedup(choice(c, "input.etl.dedup", EtlOptions.Dedup.class));
    b.undecodable(choice(c, "input.etl.undecodable", EtlOptions.Undecodable.class));
    b.normalization(choice(c, "input.etl.normalize", EtlOptions.Normalization.class));
    String skip = c.raw("input.etl.skip_model_images").trim();
    if (!skip.equals("true") && !skip.equals("false")) {
      throw new BadInputException(c.origin("input.etl.skip_model_images"), "",
          "input.etl.skip_model_images = '" + skip + "': must be true or false");
    }
    b.skipModelImages(skip.equals("true"));
    String names = c.raw("input.etl.names").trim();
    if (!names.equals("official") && !names.equals("etldr")) {
      throw new BadInputException(c.origin("input.etl.names"), "", "input.etl.names = '" + names
          + "': must be official or etldr");
    }
    b.etldrNames(names.equals("etldr"));
    String format = c.raw("input.etl.format").trim();
    if (!format.isEmpty()) {
      try {
        b.formatOverride(EtlFormat.forCode(format));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(c.origin("input.etl.format"), "", "input.etl.format = '"
            + format + "': " + e.getMessage());
      }
    }
    return b.build();
  }

  private static <E extends Enum<E>> E choice(PreaugConfig c, String key, Class<E> type) {
    String v = c.raw(key).trim();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new BadInputException(c.origin(key), "", key + " = '" + v + "': must be one of "
        + String.join(", ", names));
  }

  /** Lists and classifies the tree under {@code rootUri}; reports every skipped file to log. */
  public static EtlDatasetSource open(String rootUri, PreaugConfig c, Configuration conf,
      PrintStream log) {
    EtlOptions options = options(c);
    Path root = new Path(rootUri);
    FileSystem fs = FsUtil.fs(root, conf);
    List<EtlListing> listing = new ArrayList<>();
    try {
      FileStatus st;
      try {
        st = fs.getFileStatus(root);
      } catch (java.io.FileNotFoundException e) {
        throw new BadInputException(rootUri, "", "no such directory");
      }
      if (!st.isDirectory()) {
        throw new BadInputException(rootUri, "", "is not a directory (etl: takes the dataset"
            + " root holding ETL1 ... ETL9G)");
      }
      String prefix = fs.makeQualified(root).toUri().getPath();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String p = f.getPath().toUri().getPath();
        String rel = p.startsWith(prefix) ? p.substring(prefix.length()) : p;
        rel = rel.startsWith("/") ? rel.substring(1) : rel;
        listing.add(new EtlListing(rel, f.getLen()));
      }
    } catch (org.apache.hadoop.security.AccessControlException e) {
      throw new BadInputException(rootUri, "", "permission denied");
    } catch (IOException e) {
      throw new BadInputException(rootUri, "", "cannot list: " + FsUtil.oneLine(e), e);
    }
    try {
      EtlInventory inv = EtlInventory.scan(listing, options);
      for (SkippedFile s : inv.skipped()) {
        log.println("etl: not read: " + s);
      }
      if (inv.dataFiles().isEmpty()) {
        throw new BadInputException(rootUri, "", "holds no ETL data files (expected official"
            + " names such as ETL9G/ETL9G_01; see docs/inputs.md)");
      }
      String co59Path = inv.requireCo59Path();
      MessageDigest tables = ContentDigest.sha256();
      Co59Table table = null;
      if (co59Path != null) {
        byte[] co59 = readAll(fs, new Path(root, co59Path));
        tables.update((co59Path + "\n").getBytes(StandardCharsets.UTF_8));
        tables.update(co59);
        table = Co59Table.parse(co59, co59Path);
      }
      List<EtlInfoFile> infos = new ArrayList<>();
      for (String p : inv.infoFiles()) {
        byte[] info = readAll(fs, new Path(root, p));
        tables.update((p + "\n").getBytes(StandardCharsets.UTF_8));
        tables.update(info);
        infos.add(EtlInfoFile.parse(p, info));
      }
      EtlCounts.Report counts = EtlCounts.check(inv, infos);
      for (String u : counts.unchecked()) {
        log.println("etl: record count not checked (no INFO file or official count): " + u);
      }
      counts.requireConsistent();
      List<EtlSplit> units = inv.splits(UNIT_RECORDS);
      boolean full = c.fingerprintMode() == PreaugConfig.FingerprintMode.FULL;
      EtlDatasetSource src = new EtlDatasetSource(fs.makeQualified(root).toString(), units,
          new EtlDecoder(options, table), options.toString(),
          java.util.HexFormat.of().formatHex(tables.digest()), full);
      // Full: every byte, hashed by the scan job's tasks. Metadata: known here, before Spark.
      src.fingerprint = full ? null : ContentDigest.METADATA + src.driverFingerprint(fs, inv);
      return src;
    } catch (EtlFormatException e) {
      throw BadInputException.wrap(e);
    } catch (IOException e) {
      throw new BadInputException(rootUri, "", "cannot read: " + FsUtil.oneLine(e), e);
    }
  }

  /**
   * {@code input.fingerprint = metadata}, known before any Spark job: options, the label
   * tables, every data file's name and length, and its first and last 64 KiB.
   */
  private String driverFingerprint(FileSystem fs, EtlInventory inv) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(fingerprintSalt().getBytes(StandardCharsets.UTF_8));
      for (var f : inv.dataFiles()) {
        md.update((f.path() + "\n" + f.length() + "\n").getBytes(StandardCharsets.UTF_8));
        try (FSDataInputStream in = fs.open(new Path(new Path(root), f.path()))) {
          int span = (int) Math.min(64 * 1024, f.length());
          byte[] buf = new byte[span];
          in.readFully(0, buf, 0, span);
          md.update(buf);
          in.readFully(f.length() - span, buf, 0, span);
          md.update(buf);
        }
      }
      return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(FileSystem fs, Path p) throws IOException {
    try (FSDataInputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  @Override
  String fingerprintSalt() {
    return "etl\n" + options + "\n" + tables + "\n";
  }

  @Override
  boolean fullFingerprint() {
    return full;
  }

  @Override
  UnitSource<EtlSplit> copy() {
    EtlDatasetSource c = new EtlDatasetSource(root, units, decoder, options, tables, full);
    c.fingerprint = fingerprint;
    return c;
  }

  @Override
  public DatasetSource scan(org.apache.spark.api.java.JavaSparkContext sc) throws IOException {
    String driverFp = fingerprint;
    UnitSource<?> s = (UnitSource<?>) super.scan(sc);
    if (driverFp != null) {
      // Metadata mode decided skips before Spark started with this one; keep it.
      s.fingerprint = driverFp;
    }
    return s;
  }

  /** A Hadoop stream as the codec's positioned-read source. */
  private static EtlSource source(FSDataInputStream in, long length) {
    return new EtlSource() {
      @Override
      public long length() {
        return length;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        in.readFully(position, buf, off, len);
      }
    };
  }

  @Override
  UnitScan scanUnit(EtlSplit unit, Configuration conf) throws IOException {
    Path p = new Path(new Path(root), unit.file().path());
    FileSystem fs = FsUtil.fs(p, conf);
    try (FSDataInputStream in = fs.open(p)) {
      long len = fs.getFileStatus(p).getLen();
      EtlFileReader r = new EtlFileReader(unit.file(), source(in, len), decoder);
      EtlFileReader.LabelScan scan = r.labels(unit.from(), unit.to());
      HashMap<String, Long> labels = new HashMap<>(scan.counts());
      String digest = unit.file().path() + "#" + unit.from() + "-" + unit.to() + "="
          + scan.stats().emitted() + ":" + new java.util.TreeMap<>(labels);
      if (full) {
        // The unit's bytes (the file's last unit runs to its end, so every byte is covered).
        long recLen = unit.file().format().recordLength();
        long end = unit.to() == unit.file().recordCount() ? len : unit.to() * recLen;
        digest += ":" + java.util.HexFormat.of().formatHex(
            ContentDigest.sha256(fs, p, unit.from() * recLen, end));
      }
      return new UnitScan(scan.stats().emitted(), labels,
          digest.getBytes(StandardCharsets.UTF_8));
    } catch (EtlFormatException e) {
      throw BadInputException.wrap(e);
    }
  }

  @Override
  Iterator<Sample> readUnit(EtlSplit unit, long first, LabelVocabulary vocab, Configuration conf)
      throws IOException {
    Path p = new Path(new Path(root), unit.file().path());
    FileSystem fs = FsUtil.fs(p, conf);
    FSDataInputStream in = fs.open(p);
    TaskStreams.Once closer = TaskStreams.closeAtTaskEnd(in);
    Iterator<EtlRecord> records;
    try {
      long len = fs.getFileStatus(p).getLen();
      records = new EtlFileReader(unit.file(), source(in, len), decoder)
          .records(unit.from(), unit.to());
    } catch (EtlFormatException e) {
      closer.close();
      throw BadInputException.wrap(e);
    } catch (IOException | RuntimeException e) {
      closer.close();
      throw e;
    }
    return new Iterator<>() {
      long next = first;

      @Override
      public boolean hasNext() {
        boolean more;
        try {
          more = records.hasNext();
        } catch (EtlFormatException e) {
          throw BadInputException.wrap(e);
        }
        if (!more) {
          try {
            closer.close();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        return more;
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        EtlRecord r = records.next();
        int id = vocab.id(r.label());
        return new Sample(next++, id, r.pixels().array());
      }
    };
  }

  @Override
  public int height() {
    return decoder.options().height();
  }

  @Override
  public int width() {
    return decoder.options().width();
  }

  @Override
  public String describe() {
    return "etl " + root + " (" + units.size() + " ranges"
        + (scanned() ? ", " + samples() + " samples, " + vocabulary().size() + " classes" : "")
        + "; " + options + ")";
  }
}
