package dev.preaug.dl4j;

import dev.preaug.core.epoch.EpochStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Core's {@link EpochStore} over a Hadoop FileSystem (HDFS, S3A, ... with the trainer's
 * configuration), for trainers that read epochs where the producer wrote them. Only this class
 * touches Hadoop, so trainers on local disks need no Hadoop jars.
 */
public final class HadoopEpochStore implements EpochStore {
  private final Configuration conf;

  public HadoopEpochStore(Configuration conf) {
    this.conf = conf;
  }

  /** An output root on a Hadoop filesystem, read (and marked) with {@code conf}. */
  public static EpochRoot root(String root, Configuration conf) {
    HadoopEpochStore store = new HadoopEpochStore(conf);
    return new EpochRoot(root, store, store::writeAtomically);
  }

  static Configuration defaultConfiguration() {
    return new Configuration();
  }

  private FileSystem fs(Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    if (fs instanceof LocalFileSystem) {
      // No .crc sidecars beside the marks: the job writes none beside its files either.
      fs.setWriteChecksum(false);
      fs.setVerifyChecksum(false);
    }
    return fs;
  }

  void writeAtomically(String dir, String name, byte[] content) throws IOException {
    Path d = new Path(dir);
    FileSystem fs = fs(d);
    fs.mkdirs(d);
    Path tmp = new Path(d, "." + name + "." + UUID.randomUUID() + ".tmp");
    Path dst = new Path(d, name);
    try {
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        out.write(content);
        out.hsync();
      }
      // A second mark of the same epoch replaces the first (rename does not overwrite).
      fs.delete(dst, false);
      if (!fs.rename(tmp, dst)) {
        throw new IOException(dst + ": rename from " + tmp + " failed");
      }
    } finally {
      fs.delete(tmp, false);
    }
  }

  @Override
  public List<Entry> list(String dir) throws IOException {
    Path p = new Path(dir);
    List<Entry> out = new ArrayList<>();
    for (FileStatus st : fs(p).listStatus(p)) {
      out.add(new Entry(st.getPath().getName(), st.getPath().toString(), st.isDirectory()));
    }
    return out;
  }

  @Override
  public boolean exists(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).exists(p);
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = fs(p);
    return fs.exists(p) && fs.getFileStatus(p).isDirectory();
  }

  @Override
  public InputStream open(String path) throws IOException {
    Path p = new Path(path);
    return fs(p).open(p);
  }

  @Override
  public Positioned openPositioned(String path) throws IOException {
    Path p = new Path(path);
    FSDataInputStream in = fs(p).open(p);
    return new Positioned() {
      @Override
      public void readFully(long position, byte[] b, int off, int len) throws IOException {
        in.readFully(position, b, off, len);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public String resolve(String dir, String name) {
    return new Path(new Path(dir), name).toString();
  }

  @Override
  public String name(String path) {
    return new Path(path).getName();
  }
}
