package dev.preaug.core.etl;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads a range of records of one ETL file. Ranges are in physical record numbers (a dummy record
 * 0 counts), so an engine can split a file into [from, to) slices by arithmetic alone and read each
 * on its own: reading [0, n) equals reading [0, k) then [k, n).
 *
 * <p>Construction checks the file as a whole (length a whole number of records, CO-59 table
 * present for ETL2, model-image positions trustworthy), so a bad file fails before any record.
 */
public final class EtlFileReader {
  /** Upper bound on bytes fetched per positioned read. */
  private static final int CHUNK_BYTES = 1 << 20;

  private final EtlDataFile file;
  private final EtlSource source;
  private final EtlDecoder decoder;
  private final long recordCount;
  private final EtlPart.TrailingSet trailing;

  public EtlFileReader(EtlDataFile file, EtlSource source, EtlDecoder decoder) {
    this.file = Objects.requireNonNull(file, "file");
    this.source = Objects.requireNonNull(source, "source");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    long length;
    try {
      length = source.length();
    } catch (IOException e) {
      throw new UncheckedIOException(file.path() + ": cannot read length", e);
    }
    if (file.length() >= 0 && file.length() != length) {
      throw EtlFormatException.file(
          file.path(), "length changed since listing: listed " + file.length() + " bytes, now "
              + length);
    }
    this.recordCount = recordCount(file.format(), length, file.path());
    if (file.format() == EtlFormat.K && decoder.co59() == null) {
      throw EtlFormatException.file(
          file.path(),
          "ETL2 (K-type) labels need the CO-59 table " + Co59Table.FILE_NAME
              + " from the official unpack tools at the dataset root; none was loaded");
    }
    EtlPart.TrailingSet t =
        decoder.options().skipModelImages() ? EtlPart.trailingSet(file.canonicalName()) : null;
    if (t != null && recordCount != t.fileRecords()) {
      throw EtlFormatException.file(
          file.path(),
          "cannot locate the " + t.count() + " " + t.what() + " to skip: the official file has "
              + t.fileRecords() + " records (the last " + t.count() + " are " + t.what()
              + "), this one has " + recordCount);
    }
    this.trailing = t;
  }

  /**
   * Records in a file of {@code fileLength} bytes, counting a dummy record 0.
   *
   * @throws EtlFormatException naming the file, its length, the record size and the trailing
   *     partial record when the length is not a whole number of records
   */
  public static long recordCount(EtlFormat format, long fileLength, String fileName) {
    int r = format.recordLength();
    if (fileLength < 0) {
      throw new IllegalArgumentException(fileName + ": negative length " + fileLength);
    }
    long whole = fileLength / r;
    long rest = fileLength - whole * r;
    if (rest != 0) {
      throw EtlFormatException.file(
          fileName,
          "length " + fileLength + " is not a multiple of the " + format.code()
              + " record size " + r + ": trailing partial record " + whole + " at offset "
              + whole * r + " has " + rest + " of " + r + " bytes");
    }
    return whole;
  }

  /** Records in this file, counting a dummy record 0. */
  public long recordCount() {
    return recordCount;
  }

  public EtlDataFile file() {
    return file;
  }

  /** All records of the file. */
  public RecordIterator records() {
    return records(0, recordCount);
  }

  /** The samples among physical records {@code [from, to)}. */
  public RecordIterator records(long from, long to) {
    if (from < 0 || to < from || to > recordCount) {
      throw new IndexOutOfBoundsException(
          file.path() + ": range [" + from + ", " + to + ") outside [0, " + recordCount + ")");
    }
    return new RecordIterator(from, to);
  }

  /**
   * Lazily decodes a range; reads up to about 1 MiB of records per positioned read. {@link
   * #stats()} tells what happened to the records looked at so far.
   */
  public final class RecordIterator implements Iterator<EtlRecord> {
    private final long to;
    private final int recordLength;
    private final EtlFormat format;
    private final EtlDecoder.PixelPlan plan;
    private final byte[] buf;
    private long next; // next record number to look at
    private long bufFirst = -1; // record number at buf[0]
    private int bufRecords;
    private EtlRecord pending;
    private long records;
    private long emitted;
    private long dummies;
    private long modelImages;
    private long undecodable;
    private long filtered;

    private RecordIterator(long from, long to) {
      this.to = to;
      this.next = from;
      this.format = file.format();
      this.recordLength = format.recordLength();
      this.plan = decoder.plan(format);
      long span = Math.max(1, Math.min(to - from, CHUNK_BYTES / recordLength));
      this.buf = new byte[(int) span * recordLength];
    }

    @Override
    public boolean hasNext() {
      while (pending == null && next < to) {
        pending = lookAt(next++);
      }
      return pending != null;
    }

    @Override
    public EtlRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException(file.path() + ": no more records in range");
      }
      EtlRecord r = pending;
      pending = null;
      return r;
    }

    /** Counts so far; complete once {@link #hasNext()} has returned false. */
    public EtlReadStats stats() {
      return new EtlReadStats(records, emitted, dummies, modelImages, undecodable, filtered);
    }

    private EtlRecord lookAt(long n) {
      records++;
      if (n == 0 && format.hasDummyFirstRecord()) {
        dummies++;
        return null;
      }
      if (trailing != null && n >= trailing.firstRecord()) {
        modelImages++;
        return null;
      }
      int base = load(n);
      String label = decoder.label(format, buf, base, file.path(), n);
      if (label == null) {
        undecodable++;
        return null;
      }
      if (!decoder.accepts(label)) {
        filtered++;
        return null;
      }
      emitted++;
      return new EtlRecord(
          file.path(), n, format.serial(buf, base), format.sheet(buf, base),
          format.rawLabelCode(buf, base), label, plan.pixels(buf, base));
    }

    /** Makes record {@code n} resident; returns its offset in {@code buf}. */
    private int load(long n) {
      if (bufFirst < 0 || n < bufFirst || n >= bufFirst + bufRecords) {
        int count = (int) Math.min(buf.length / recordLength, to - n);
        long offset = n * recordLength;
        try {
          source.readFully(offset, buf, 0, count * recordLength);
        } catch (EOFException e) {
          throw EtlFormatException.record(
              file.path(), n, offset,
              "file ended while reading records " + n + ".." + (n + count - 1)
                  + " (truncated since its length was checked?)");
        } catch (IOException e) {
          throw new UncheckedIOException(
              file.path() + " record " + n + " (offset " + offset + "): read failed", e);
        }
        bufFirst = n;
        bufRecords = count;
      }
      return (int) (n - bufFirst) * recordLength;
    }
  }
}
