package dev.preaug.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local filesystem with another working directory ({@value #DIR}): what an executor on a
 * cluster sees, whose current directory is its Worker's, not the driver's. Install as
 * {@code fs.file.impl} with {@code fs.file.impl.disable.cache = true}.
 */
public class ElsewhereFileSystem extends RawLocalFileSystem {
  public static final String DIR = "test.elsewhere.dir";

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setWorkingDirectory(new Path(conf.get(DIR)));
  }

  /** A configuration whose local filesystem resolves relative paths against {@code dir}. */
  public static Configuration conf(java.nio.file.Path dir) {
    Configuration c = new Configuration();
    c.set("fs.file.impl", ElsewhereFileSystem.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    c.set(DIR, dir.toAbsolutePath().toString());
    return c;
  }
}
