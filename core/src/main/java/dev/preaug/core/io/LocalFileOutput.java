package dev.preaug.core.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A new local file written through direct buffers of its own; with direct I/O, large files
 * bypass the page cache ({@code O_DIRECT}) and are written behind the caller's back.
 *
 * <p>Why: a buffered write copies every byte into the page cache and leaves the kernel to write
 * it back later. In a {@code perf} profile of the job on a 2-vCPU VM that copy
 * ({@code copy_folio_from_iter_atomic}) was 17 % of all CPU, more than any kernel of the recipe
 * (docs/benchmarks.md). With {@code O_DIRECT} the disk reads the buffer itself; but each write
 * then waits for the device, so a full buffer is handed to a writer thread while the caller
 * fills the other one: the copy's CPU is saved and the wait overlaps the computing. Shards are
 * written once and read by a trainer later, usually after the page cache has moved on, so
 * caching them buys little.
 *
 * <p>A file starts out ordinary: one that closes before its first buffer fills (an ops text, a
 * label array) is written once into the page cache, as any small file. At the first full buffer
 * a second channel opens the file with {@code O_DIRECT}, if the file system allows it (tmpfs on
 * older kernels and some network or FUSE mounts refuse; those files stay ordinary). Direct I/O
 * needs buffer addresses, file positions and lengths aligned to the file system's block size:
 * every direct write is whole blocks from an aligned buffer, and {@link #close} writes the last
 * partial block padded with zeros and then truncates the file to its true length.
 *
 * <p>Without direct I/O the same class still saves a copy: a stream over a channel, or a heap
 * buffer in front of one, makes the JDK copy every write into a temporary direct buffer first.
 * Buffers are reused by the thread that next opens a file, so a shard's files allocate nothing.
 */
public final class LocalFileOutput extends OutputStream {
  private static final int CAPACITY = 1 << 20;
  /** Largest block size direct I/O is tried with (a pooled buffer carries this much slack). */
  private static final int MAX_ALIGN = 1 << 16;
  private static final int POOLED_PER_THREAD = 6;
  private static final ThreadLocal<ArrayDeque<ByteBuffer>> POOL =
      ThreadLocal.withInitial(ArrayDeque::new);
  /**
   * Runs the direct writes. Its threads spend their time waiting for the device, not on a CPU,
   * so there is no reason to bound them by the core count; a thread idle for a minute ends.
   */
  private static final ExecutorService WRITER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "preaug-direct-writer");
    t.setDaemon(true);
    return t;
  });

  private final Path path;
  /** Whether the caller allows direct I/O; {@link #directIo()} says whether it is in use. */
  private final boolean mayGoDirect;
  private final FileChannel plain;
  private FileChannel direct;
  /** The file system's block size once the direct channel is open. */
  private int align;
  private ByteBuffer raw;
  private ByteBuffer buf;
  /** The buffer the writer thread has, and its write; null when none is in flight. */
  private ByteBuffer rawInFlight;
  private Future<?> inFlight;
  /** Bytes accepted so far, and bytes already handed to the file. */
  private long length;
  private long written;
  private boolean closed;

  private LocalFileOutput(Path path, FileChannel plain, boolean mayGoDirect) {
    this.path = path;
    this.plain = plain;
    this.mayGoDirect = mayGoDirect;
    raw = take();
    buf = raw.limit(CAPACITY);
  }

  /**
   * Creates {@code f} (it must not exist unless {@code replace}) in a directory that must exist.
   * With {@code directIo}, a file larger than one buffer bypasses the page cache where the file
   * system allows it.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code f} exists and not {@code replace}
   */
  public static LocalFileOutput create(Path f, boolean replace, boolean directIo)
      throws IOException {
    OpenOption[] opts = replace
        ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE}
        : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
    return new LocalFileOutput(f, FileChannel.open(f, opts), directIo);
  }

  /** True once writes bypass the page cache. */
  public boolean directIo() {
    return direct != null;
  }

  @Override
  public void write(int b) throws IOException {
    open().put((byte) b);
    length++;
    if (!buf.hasRemaining()) {
      drain();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    open();
    while (len > 0) {
      int n = Math.min(len, buf.remaining());
      buf.put(b, off, n);
      off += n;
      len -= n;
      length += n;
      if (!buf.hasRemaining()) {
        drain();
      }
    }
  }

  /**
   * Hands what is buffered to the file; with direct I/O, only whole blocks (the rest waits for
   * more bytes or {@link #close}).
   */
  @Override
  public void flush() throws IOException {
    open();
    drain();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel p = plain; FileChannel d = direct) {
      if (buf == null) {
        return; // an earlier failure gave the buffer up
      }
      drain();
      awaitInFlight();
      if (buf.position() > 0) {
        // Direct I/O's last partial block: written padded, then cut back to the true length.
        while (buf.position() % align != 0) {
          buf.put((byte) 0);
        }
        buf.flip();
        writeFully(direct, buf, written);
        direct.truncate(length);
      }
    } finally {
      if (rawInFlight == null) {
        give(raw);
      }
      raw = null;
      buf = null;
    }
  }

  private ByteBuffer open() throws IOException {
    if (closed || buf == null) {
      throw new IOException(path + ": stream closed");
    }
    return buf;
  }

  /** Writes the buffer's whole blocks: synchronously into the page cache, or behind. */
  private void drain() throws IOException {
    if (direct == null && mayGoDirect && !buf.hasRemaining()) {
      openDirect();
    }
    int end = buf.position();
    if (direct == null) {
      buf.flip();
      written += writeFully(plain, buf, written);
      buf.clear().limit(CAPACITY);
      return;
    }
    int whole = end - end % align;
    if (whole == 0) {
      return;
    }
    awaitInFlight();
    ByteBuffer next = take();
    ByteBuffer nextBuf = next.alignedSlice(align).limit(CAPACITY);
    // The partial block stays with the caller, at the front of the next buffer.
    nextBuf.put(buf.duplicate().position(whole).limit(end));
    ByteBuffer out = buf.position(0).limit(whole);
    long at = written;
    written += whole;
    rawInFlight = raw;
    inFlight = WRITER.submit(() -> {
      writeFully(direct, out, at);
      return null;
    });
    raw = next;
    buf = nextBuf;
  }

  /**
   * Opens the second, direct channel at the first full buffer, if the file system allows it.
   * Nothing has been written through the first one yet, so every direct write starts aligned.
   */
  private void openDirect() {
    try {
      long block = Files.getFileStore(path).getBlockSize();
      if (written == 0 && block > 0 && block <= MAX_ALIGN && Long.bitCount(block) == 1
          && CAPACITY % block == 0) {
        FileChannel d = FileChannel.open(path, StandardOpenOption.WRITE,
            com.sun.nio.file.ExtendedOpenOption.DIRECT);
        align = (int) block;
        ByteBuffer aligned = take();
        ByteBuffer alignedBuf = aligned.alignedSlice(align).limit(CAPACITY);
        alignedBuf.put(buf.flip());
        give(raw);
        raw = aligned;
        buf = alignedBuf;
        direct = d;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not here: the file stays ordinary
    }
  }

  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The writer may still be using its buffer: it is not pooled again.
      rawInFlight = null;
      inFlight = null;
      buf = null;
      throw new InterruptedIOException(path + ": interrupted waiting for a write");
    } catch (ExecutionException e) {
      give(rawInFlight);
      rawInFlight = null;
      inFlight = null;
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(path + ": " + c, c);
    }
    give(rawInFlight);
    rawInFlight = null;
    inFlight = null;
  }

  private static int writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    int n = b.remaining();
    long pos = at;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
    return n;
  }

  private static ByteBuffer take() {
    ByteBuffer b = POOL.get().poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(CAPACITY + MAX_ALIGN);
  }

  private static void give(ByteBuffer b) {
    ArrayDeque<ByteBuffer> pool = POOL.get();
    if (b != null && pool.size() < POOLED_PER_THREAD) {
      pool.push(b.clear());
    }
  }
}
