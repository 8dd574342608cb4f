package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.FileAlreadyExistsException;

/**
 * One run at a time per output directory: {@code OUT/_preaug.lock}, created with
 * create-if-absent semantics (on an object store, a conditional write: see {@link
 * FsUtil#createIfAbsent}). A lock left by a killed run on this host (its pid is gone) is taken
 * over; any other live lock stops the run with a message naming its owner.
 */
public final class RunLock implements AutoCloseable {
  public static final String NAME = "_preaug.lock";

  /** Another live run holds the output (kind LOCKED: the CLI exits with its own code, 3). */
  public static final class LockedException extends BadInputException {
    private static final long serialVersionUID = 1L;

    LockedException(String source, String rule) {
      super(Kind.LOCKED, source, "", rule);
    }
  }
  private final FileSystem fs;
  private final Path path;

  private RunLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static RunLock acquire(OutputLayout out, String runId) throws IOException {
    Path p = new Path(out.root(), NAME);
    FileSystem fs = out.fs();
    String host = host();
    long pid = ProcessHandle.current().pid();
    Properties props = new Properties();
    props.setProperty("run_id", runId);
    props.setProperty("host", host);
    props.setProperty("pid", Long.toString(pid));
    for (int attempt = 0; attempt < 2; attempt++) {
      props.setProperty("started", Instant.now().toString());
      if (create(fs, p, props, runId)) {
        return new RunLock(fs, p);
      }
      Properties owner = read(fs, p);
      if (owner == null) {
        continue;
      }
      String ohost = owner.getProperty("host", "?");
      String opid = owner.getProperty("pid", "?");
      if (ohost.equals(host) && !alive(opid)) {
        fs.delete(p, false);
        continue;
      }
      throw new LockedException(p.toString(), "output is locked by run "
          + owner.getProperty("run_id", "?") + " (host " + ohost + ", pid " + opid
          + ", since " + owner.getProperty("started", "?") + "); if that run is dead,"
          + " delete the lock file and rerun");
    }
    throw new BadInputException(BadInputException.Kind.OUTPUT, p.toString(), "",
        "could not take the output lock");
  }

  /** Writes the lock if none exists; false when one does (someone else's). */
  private static boolean create(FileSystem fs, Path p, Properties props, String runId)
      throws IOException {
    try (OutputStream o = FsUtil.createIfAbsent(fs, p)) {
      props.store(o, "preaug run lock");
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // An object store refuses a conditional write only when the object is closed (S3A: HTTP
      // 412, an I/O error): a lock that is there now and is not ours means another run won.
      Properties now = read(fs, p);
      if (now == null || runId.equals(now.getProperty("run_id"))) {
        throw e;
      }
      return false;
    }
    return true;
  }

  private static Properties read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      Properties props = new Properties();
      props.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
      return props;
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() throws IOException {
    fs.delete(path, false);
  }
}
