package dev.preaug.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real size-limited filesystem for full-disk tests: a tmpfs of a few MiB mounted on a test
 * directory. Mounting needs root (CAP_SYS_ADMIN); {@link #tryMount} says why when it cannot, so
 * the caller falls back to {@link FullFileSystem} explicitly instead of passing silently.
 */
final class SizeLimitedMount implements AutoCloseable {
  final Path dir;

  private SizeLimitedMount(Path dir) {
    this.dir = dir;
  }

  /** The outcome of a mount attempt: the mount, or why there is none. */
  record Attempt(SizeLimitedMount mount, String whyNot) {}

  static Attempt tryMount(Path dir, long bytes) throws IOException, InterruptedException {
    return tryMount(dir, bytes, false);
  }

  /** As {@link #tryMount(Path, long)}; {@code readOnly} mounts it read-only (empty). */
  static Attempt tryMount(Path dir, long bytes, boolean readOnly)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String[] cmd = {"mount", "-t", "tmpfs", "-o", "size=" + (bytes / 1024) + "k,mode=0755"
        + (readOnly ? ",ro" : ""), "preaug-reliability-test", dir.toString()};
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Attempt(null, "cannot run mount: " + e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Attempt(null, "mount timed out");
    }
    if (p.exitValue() != 0) {
      return new Attempt(null, "mount -t tmpfs failed (exit " + p.exitValue() + "): " + out);
    }
    SizeLimitedMount m = new SizeLimitedMount(dir);
    if (!m.isTmpfs()) {
      m.close();
      return new Attempt(null, "mount reported success but " + dir + " is not a tmpfs");
    }
    return new Attempt(m, null);
  }

  /** Whether {@code dir} is a tmpfs mount point now (from /proc/self/mounts). */
  boolean isTmpfs() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 2 && f[1].equals(dir.toString()) && f[2].equals("tmpfs")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    for (List<String> cmd : List.of(List.of("umount", dir.toString()),
        List.of("umount", "-l", dir.toString()))) {
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IOException("could not unmount the test tmpfs at " + dir);
  }
}
