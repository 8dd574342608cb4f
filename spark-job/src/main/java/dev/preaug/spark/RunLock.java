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
 * create-if-absent semantics. A lock left by a killed run on this host (its pid is gone) is
 * taken over; any other live lock stops the run with a message naming its owner.
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
    for (int attempt = 0; attempt < 2; attempt++) {
      try (OutputStream o = FsUtil.create(fs, p, false)) {
        Properties props = new Properties();
        props.setProperty("run_id", runId);
        props.setProperty("host", host);
        props.setProperty("pid", Long.toString(pid));
        props.setProperty("started", Instant.now().toString());
        props.store(o, "preaug run lock");
        return new RunLock(fs, p);
      } catch (FileAlreadyExistsException e) {
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
    }
    throw new BadInputException(BadInputException.Kind.OUTPUT, p.toString(), "",
        "could not take the output lock");
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
