package dev.preaug.dl4j;

import dev.preaug.core.BadInputException;
import dev.preaug.core.epoch.EpochListing;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.EpochStore;
import dev.preaug.core.epoch.LocalEpochStore;
import dev.preaug.core.format.EpochFormat;
import dev.preaug.core.format.ShardNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The producer's output directory as a trainer sees it: which epochs are published, waiting for
 * one, and the consumed marks ({@code ROOT/_consumed/epoch-NNNNN}) the producer's rolling mode
 * reads. Listing and opening use core's {@link EpochListing} and {@link EpochReader}, so the
 * JVM trainer applies exactly the job's and the Python client's rules.
 */
public final class EpochRoot {
  /** Writes one small file atomically (temporary file, then rename). */
  interface MarkWriter {
    void write(String dir, String name, byte[] content) throws IOException;
  }

  static final String CONSUMED_DIR =
      EpochFormat.schema().path("epoch_dir").path("consumed_dir").asText();

  private final String root;
  private final EpochStore store;
  private final MarkWriter marks;

  EpochRoot(String root, EpochStore store, MarkWriter marks) {
    this.root = root;
    this.store = store;
    this.marks = marks;
  }

  /**
   * An output directory: a local path or {@code file:} URI, else any Hadoop FileSystem URI
   * ({@code hdfs://}, {@code s3a://}, ...) read with a default Hadoop {@code Configuration}
   * (use {@link HadoopEpochStore#root} to pass your own).
   */
  public static EpochRoot of(String root) {
    URI u = schemeOf(root);
    if (u == null) {
      return local(Path.of(root));
    }
    if ("file".equals(u.getScheme())) {
      return local(Path.of(u));
    }
    try {
      return HadoopEpochStore.root(root, HadoopEpochStore.defaultConfiguration());
    } catch (NoClassDefFoundError e) {
      throw new IllegalArgumentException(root + ": reading a '" + u.getScheme()
          + "' URI needs Hadoop on the classpath (org.apache.hadoop:hadoop-client-api and"
          + " hadoop-client-runtime)", e);
    }
  }

  private static URI schemeOf(String root) {
    int colon = root.indexOf(':');
    // "C:" and plain paths are not URIs; a scheme has at least two characters.
    if (colon < 2 || root.indexOf('/') >= 0 && root.indexOf('/') < colon) {
      return null;
    }
    try {
      URI u = URI.create(root);
      return u.getScheme() == null ? null : u;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A directory on the local filesystem. */
  public static EpochRoot local(Path root) {
    return new EpochRoot(root.toString(), new LocalEpochStore(), (dir, name, content) -> {
      Path d = Files.createDirectories(Path.of(dir));
      Path tmp = d.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
          ByteBuffer b = ByteBuffer.wrap(content);
          while (b.hasRemaining()) {
            ch.write(b);
          }
          ch.force(true);
        }
        Files.move(tmp, d.resolve(name), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    });
  }

  public String path() {
    return root;
  }

  public EpochStore store() {
    return store;
  }

  /** The directory of epoch {@code e} under this root (published or not). */
  public String epochDir(long epoch) {
    return store.resolve(root, ShardNames.epochDir(epoch));
  }

  /** Published epoch numbers, ascending. */
  public List<Long> published() throws IOException {
    return List.copyOf(EpochListing.published(store, root).keySet());
  }

  /** Epochs marked consumed, ascending. */
  public List<Long> consumed() throws IOException {
    return List.copyOf(EpochListing.marks(store, store.resolve(root, CONSUMED_DIR)).keySet());
  }

  /**
   * Where a trainer resumes: one past the highest consumed mark; else the lowest published
   * epoch; else 0 (the Python client's {@code first_unconsumed_epoch}).
   */
  public long firstUnconsumed() throws IOException {
    TreeMap<Long, String> done = EpochListing.marks(store, store.resolve(root, CONSUMED_DIR));
    if (!done.isEmpty()) {
      return done.lastKey() + 1;
    }
    TreeMap<Long, String> have = EpochListing.published(store, root);
    return have.isEmpty() ? 0 : have.firstKey();
  }

  /** Opens a published epoch now; a one-line error naming its directory when it is not. */
  public EpochReader open(long epoch) throws IOException {
    return EpochReader.open(store, epochDir(epoch));
  }

  /**
   * Waits until epoch {@code e} holds {@code _SUCCESS}, polling every {@code poll}, then opens
   * it. {@code timeout} null waits for ever; when it runs out the error names the file waited
   * for and the epochs that are published.
   */
  public EpochReader await(long epoch, Duration timeout, Duration poll)
      throws IOException, InterruptedException {
    String success = store.resolve(epochDir(epoch), ShardNames.SUCCESS);
    Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
    while (!store.exists(success)) {
      Instant now = Instant.now();
      if (deadline != null && !now.isBefore(deadline)) {
        List<Long> have = published();
        String shown = have.isEmpty() ? "none" : have.subList(Math.max(0, have.size() - 5),
            have.size()).stream().map(String::valueOf).collect(Collectors.joining(", "));
        throw new BadInputException(success, "", "epoch " + epoch + " not published after "
            + timeout.toMillis() / 1000.0 + " s of waiting (published epochs: " + shown + ")");
      }
      long sleep = poll.toMillis();
      if (deadline != null) {
        sleep = Math.min(sleep, Math.max(1, Duration.between(now, deadline).toMillis()));
      }
      Thread.sleep(sleep);
    }
    return open(epoch);
  }

  /**
   * Marks {@code epoch} consumed: writes {@code ROOT/_consumed/epoch-NNNNN} atomically, with a
   * one-line JSON note (the file's presence is the mark). Idempotent.
   */
  public void markConsumed(long epoch, String consumer) throws IOException {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "";
    }
    String body = "{\"consumer\": " + quote(consumer == null ? "" : consumer)
        + ", \"epoch\": " + epoch + ", \"host\": " + quote(host)
        + ", \"pid\": " + ProcessHandle.current().pid()
        + ", \"time\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}\n";
    marks.write(store.resolve(root, CONSUMED_DIR), ShardNames.epochDir(epoch),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

}
