package dev.preaug.reliability;

import dev.preaug.spark.SchemeLocalFileSystem;
import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * The local filesystem under the test scheme {@code nodelete://}, where deleting anything
 * inside an in-progress epoch directory fails (as a permission or an I/O error would), so a test
 * can watch what preaug does when it cannot clean up. Register with {@code fs.nodelete.impl}.
 */
public class NoDeleteFileSystem extends SchemeLocalFileSystem {
  public static final String SCHEME = "nodelete";

  public NoDeleteFileSystem() {
    super(SCHEME);
  }

  public static String uri(java.nio.file.Path local) {
    return uri(SCHEME, local);
  }



  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    if (p.toString().contains(".inprogress")) {
      throw new IOException("Permission denied (test filesystem refuses deletes): " + p);
    }
    return super.delete(p, recursive);
  }
}
