package dev.preaug.spark;

import dev.preaug.core.epoch.EpochStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Core's {@link EpochStore} over Hadoop filesystems: any URI the given configuration reaches
 * (local, HDFS, S3A), so {@code verify} and {@code preview --epoch} read what {@code run} wrote
 * with the same settings.
 */
public final class HadoopEpochStore implements EpochStore {
  private final Configuration conf;

  public HadoopEpochStore(Configuration conf) {
    this.conf = conf;
  }

  private FileSystem fs(Path p) {
    return FsUtil.fs(p, conf);
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
