package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/** Hadoop FileSystem helpers that turn missing/unreadable paths into one-line errors. */
public final class FsUtil {
  private FsUtil() {}

  public static FileSystem fs(Path p, Configuration conf) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs instanceof LocalFileSystem) {
        // Epoch directories hold exactly the documented files: no .crc sidecars. Each shard
        // carries its own SHA-256 in the manifest instead.
        fs.setWriteChecksum(false);
        fs.setVerifyChecksum(false);
      }
      return fs;
    } catch (IOException | RuntimeException e) {
      URI u = p.toUri();
      throw new BadInputException(p.toString(), "",
          "cannot reach filesystem '" + (u.getScheme() == null ? "file" : u.getScheme()) + "': "
              + oneLine(e), e);
    }
  }

  /** The status of an input file that must exist and be a readable regular file. */
  public static FileStatus inputFile(Path p, Configuration conf) {
    FileSystem fs = fs(p, conf);
    FileStatus st;
    try {
      st = fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      throw new BadInputException(p.toString(), "", "no such file");
    } catch (AccessControlException e) {
      throw new BadInputException(p.toString(), "", "permission denied");
    } catch (IOException e) {
      throw new BadInputException(p.toString(), "", "cannot read: " + oneLine(e), e);
    }
    if (st.isDirectory()) {
      throw new BadInputException(p.toString(), "", "is a directory, expected a file");
    }
    return st;
  }

  /**
   * Creates an output file whose failures name it: any error creating, writing, flushing or
   * closing it (a full disk, a quota, an I/O error; Hadoop's local filesystem reports these as
   * {@link FSError}, an Error) becomes an {@link OutputWriteException} naming {@code p}. Only
   * {@link FileAlreadyExistsException} passes unchanged (it answers a create-if-absent).
   */
  public static OutputStream create(FileSystem fs, Path p, boolean overwrite)
      throws IOException {
    OutputStream out;
    try {
      out = isLocal(fs) ? localCreate(fs, p, overwrite, true, false) : fs.create(p, overwrite);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (org.apache.hadoop.ipc.RemoteException e) {
      throw alreadyExistsOr(e, p);
    } catch (IOException | FSError e) {
      throw new OutputWriteException(p, e);
    }
    return naming(out, p);
  }

  /**
   * A new file in a directory that must already exist: unlike {@link #create}, it never
   * creates parent directories, so a task that outlives its epoch cannot resurrect a directory
   * the driver has removed (it fails instead). With {@code replace}, an existing file of that
   * name is replaced (on an object store, where every attempt of a task writes the same final
   * names with the same bytes). With {@code directIo}, a local file past its first 1 MiB
   * bypasses the page cache where the file system allows it ({@link
   * dev.preaug.core.io.LocalFileOutput}); other file systems ignore it.
   */
  @SuppressWarnings("deprecation")
  public static Output createFile(FileSystem fs, Path p, boolean replace, boolean directIo)
      throws IOException {
    OutputStream out;
    try {
      out = isLocal(fs) ? localCreate(fs, p, replace, false, directIo)
          : fs.createNonRecursive(p, replace, 1 << 16, fs.getDefaultReplication(p),
              fs.getDefaultBlockSize(p), null);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (org.apache.hadoop.ipc.RemoteException e) {
      throw alreadyExistsOr(e, p);
    } catch (IOException | FSError e) {
      throw new OutputWriteException(p, e);
    }
    return new Output(out, fs, p);
  }

  /**
   * Creates {@code p} only if no object of that name exists. On an object store this asks the
   * store for a conditional write (S3A: {@code If-None-Match: *} on the upload, which S3 and
   * most S3-compatible servers check atomically); a lost race then fails when the stream is
   * closed, not when it is opened. Elsewhere it is the filesystem's own create-if-absent.
   */
  public static OutputStream createIfAbsent(FileSystem fs, Path p) throws IOException {
    if (!isObjectStore(fs)) {
      return create(fs, p, false);
    }
    OutputStream out;
    try {
      org.apache.hadoop.fs.FSDataOutputStreamBuilder<?, ?> b =
          (org.apache.hadoop.fs.FSDataOutputStreamBuilder<?, ?>) fs.createFile(p)
              .overwrite(false).opt(CONDITIONAL_CREATE, true);
      out = b.build();
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw new OutputWriteException(p, e);
    }
    return new Output(out, fs, p);
  }

  /** Hadoop's create option for a conditional (create-if-absent) write on object stores. */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  /**
   * Object stores, where a "directory" is a key prefix: a rename copies every object and is
   * neither atomic nor ordered, and an object appears, complete, only when its writer closes
   * it. preaug publishes epochs there without renaming (see {@link OutputLayout}). ABFS is not
   * listed: with a hierarchical namespace it renames atomically.
   */
  private static final java.util.Set<String> OBJECT_STORES = java.util.Set.of("s3a", "s3",
      "s3n", "gs", "oss", "cosn", "obs", "wasb", "wasbs");

  public static boolean isObjectStore(FileSystem fs) {
    String scheme = fs.getUri().getScheme();
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * A server-side "file exists" arrives wrapped in a RemoteException on some clients: unwrap it
   * so create-if-absent callers (the run lock) branch on the type, never on the message.
   */
  private static IOException alreadyExistsOr(org.apache.hadoop.ipc.RemoteException e, Path p) {
    IOException u = e.unwrapRemoteException(FileAlreadyExistsException.class);
    return u instanceof FileAlreadyExistsException ? u : new OutputWriteException(p, e);
  }

  /** Hadoop's own local filesystem (scheme file:), not a wrapper registered under another. */
  static boolean isLocal(FileSystem fs) {
    return (fs instanceof LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem)
        && "file".equals(fs.getUri().getScheme());
  }

  /**
   * Creates a local file with java.nio. Hadoop's local filesystem sets the permission of every
   * new file by running {@code chmod} in a child process when Hadoop's native library is absent
   * (the usual case), which cost more CPU per shard file than writing it; the default mode from
   * the umask is what it would set anyway.
   */
  private static OutputStream localCreate(FileSystem fs, Path p, boolean overwrite,
      boolean createParents, boolean directIo) throws IOException {
    java.nio.file.Path f = java.nio.file.Paths.get(fs.makeQualified(p).toUri());
    try {
      if (createParents && f.getParent() != null) {
        java.nio.file.Files.createDirectories(f.getParent());
      }
      return dev.preaug.core.io.LocalFileOutput.create(f, overwrite, directIo);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(p + " already exists");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.io.FileNotFoundException(p + ": parent directory does not exist");
    }
  }

  private static OutputStream naming(OutputStream out, Path p) {
    return new Output(out, null, p);
  }

  /** An output file whose errors name it, and which can be abandoned instead of closed. */
  public static final class Output extends FilterOutputStream {
    private final FileSystem fs;
    private final Path path;
    private boolean closed;

    Output(OutputStream out, FileSystem fs, Path path) {
      super(out);
      this.fs = fs;
      this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException | FSError e) {
        throw new OutputWriteException(path, e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException | FSError e) {
        throw new OutputWriteException(path, e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException | FSError e) {
        throw new OutputWriteException(path, e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
        closed = true;
      } catch (IOException | FSError e) {
        throw new OutputWriteException(path, e);
      }
    }

    /** True when the stream buffers its writes itself (local files), so callers need not. */
    public boolean buffered() {
      return out instanceof dev.preaug.core.io.LocalFileOutput;
    }

    /**
     * Gives the file up after a failure. Closing would publish a truncated object under its
     * final name on an object store; there the upload is cancelled instead (S3A's abortable
     * stream: nothing appears, an object already there stays). A stream that cannot abort is
     * closed and its file deleted, so no truncated file keeps the name. Never throws: the
     * failure that led here matters more. A file already closed is complete and stays.
     */
    public void abort() {
      if (closed) {
        return;
      }
      if (out instanceof org.apache.hadoop.fs.Abortable a) {
        try {
          a.abort();
          return;
        } catch (UnsupportedOperationException | java.io.UncheckedIOException e) {
          // falls back to close and delete
        }
      }
      try {
        out.close();
      } catch (IOException | RuntimeException | FSError e) {
        // abandoned anyway
      }
      try {
        if (fs != null) {
          fs.delete(path, false);
        }
      } catch (IOException | RuntimeException e) {
        // the driver's size check catches a file left behind
      }
    }
  }

  public static String oneLine(Throwable e) {
    return BadInputException.oneLine(e);
  }
}
