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
      out = isLocal(fs) ? localCreate(fs, p, overwrite, true) : fs.create(p, overwrite);
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
   * the driver has removed (it fails instead).
   */
  @SuppressWarnings("deprecation")
  public static OutputStream createFile(FileSystem fs, Path p) throws IOException {
    OutputStream out;
    try {
      out = isLocal(fs) ? localCreate(fs, p, false, false)
          : fs.createNonRecursive(p, false, 1 << 16, fs.getDefaultReplication(p),
              fs.getDefaultBlockSize(p), null);
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
      boolean createParents) throws IOException {
    java.nio.file.Path f = java.nio.file.Paths.get(fs.makeQualified(p).toUri());
    try {
      if (createParents && f.getParent() != null) {
        java.nio.file.Files.createDirectories(f.getParent());
      }
      return overwrite
          ? java.nio.file.Files.newOutputStream(f, java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
              java.nio.file.StandardOpenOption.WRITE)
          : java.nio.file.Files.newOutputStream(f, java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(p + " already exists");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.io.FileNotFoundException(p + ": parent directory does not exist");
    }
  }

  private static OutputStream naming(OutputStream out, Path p) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException | FSError e) {
          throw new OutputWriteException(p, e);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException | FSError e) {
          throw new OutputWriteException(p, e);
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException | FSError e) {
          throw new OutputWriteException(p, e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } catch (IOException | FSError e) {
          throw new OutputWriteException(p, e);
        }
      }
    };
  }

  public static String oneLine(Throwable e) {
    return BadInputException.oneLine(e);
  }
}
