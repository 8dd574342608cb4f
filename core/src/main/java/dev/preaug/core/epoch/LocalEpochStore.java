package dev.preaug.core.epoch;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link EpochStore} over the local filesystem (java.nio), for tools and tests without Hadoop. */
public final class LocalEpochStore implements EpochStore {
  @Override
  public List<Entry> list(String dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.add(new Entry(p.getFileName().toString(), p.toString(), Files.isDirectory(p)));
      }
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(dir);
    }
    return out;
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(Path.of(path));
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(Path.of(path));
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return Files.newInputStream(Path.of(path));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(path);
    }
  }

  @Override
  public Positioned openPositioned(String path) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(Path.of(path), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(path);
    }
    return new Positioned() {
      @Override
      public void readFully(long position, byte[] b, int off, int len) throws IOException {
        readFully(position, ByteBuffer.wrap(b, off, len));
      }

      @Override
      public void readFully(long position, ByteBuffer buf) throws IOException {
        long end = position + buf.remaining();
        long at = position;
        while (buf.hasRemaining()) {
          int r = ch.read(buf, at);
          if (r < 0) {
            throw new EOFException(path + ": ends before byte " + end);
          }
          at += r;
        }
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public String resolve(String dir, String name) {
    return Path.of(dir).resolve(name).toString();
  }

  @Override
  public String name(String path) {
    Path f = Path.of(path).getFileName();
    return f == null ? path : f.toString();
  }
}
