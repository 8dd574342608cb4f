package dev.preaug.core.etl;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

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
    checkRange(from, to);
    return new RecordIterator(new Cursor(from, to));
  }

  /**
   * The labels of the samples among physical records {@code [from, to)}, counted, without decoding
   * any pixels: the cheap first pass that builds the label vocabulary and tells how many samples
   * each range holds (so that global sample numbers can be assigned before the real read).
   */
  public LabelScan labels(long from, long to) {
    checkRange(from, to);
    Cursor c = new Cursor(from, to);
    Map<String, Long> counts = new TreeMap<>(LabelVocabulary.CODE_POINT_ORDER);
    while (c.advance()) {
      counts.merge(c.label, 1L, Long::sum);
    }
    return new LabelScan(Collections.unmodifiableMap(counts), c.stats());
  }

  /**
   * Label counts of one range.
   *
   * @param counts samples per label, in code point order of the labels
   * @param stats what happened to the range's records; {@code stats.emitted()} is the sample count
   */
  public record LabelScan(Map<String, Long> counts, EtlReadStats stats) {}

  private void checkRange(long from, long to) {
    if (from < 0 || to < from || to > recordCount) {
      throw new IndexOutOfBoundsException(
          file.path() + ": range [" + from + ", " + to + ") outside [0, " + recordCount + ")");
    }
  }

  /**
   * Lazily decodes a range. {@link #stats()} tells what happened to the records looked at so far.
   */
  public final class RecordIterator implements Iterator<EtlRecord> {
    private final Cursor cursor;
    private final EtlDecoder.PixelPlan plan;
    private boolean pending;

    private RecordIterator(Cursor cursor) {
      this.cursor = cursor;
      this.plan = decoder.plan(file.format());
    }

    @Override
    public boolean hasNext() {
      if (!pending) {
        pending = cursor.advance();
      }
      return pending;
    }

    @Override
    public EtlRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException(file.path() + ": no more records in range");
      }
      pending = false;
      EtlFormat f = file.format();
      byte[] buf = cursor.buf;
      int base = cursor.base;
      return new EtlRecord(
          file.path(), cursor.number, f.serial(buf, base), f.sheet(buf, base),
          f.rawLabelCode(buf, base), cursor.label, plan.pixels(buf, base));
    }

    /** Counts so far; complete once {@link #hasNext()} has returned false. */
    public EtlReadStats stats() {
      return cursor.stats();
    }
  }

  /**
   * Walks a range record by record, stopping at each sample: reads up to about 1 MiB of records
   * per positioned read and decides dummy / model image / undecodable / filtered / sample.
   */
  private final class Cursor {
    private final long to;
    private final int recordLength;
    private final EtlFormat format;
    private final byte[] buf;
    private long next; // next record number to look at
    private long bufFirst = -1; // record number at buf[0]
    private int bufRecords;
    // The current sample, valid after advance() returned true.
    private long number;
    private int base;
    private String label;
    private long records;
    private long emitted;
    private long dummies;
    private long modelImages;
    private long undecodable;
    private long filtered;

    private Cursor(long from, long to) {
      this.to = to;
      this.next = from;
      this.format = file.format();
      this.recordLength = format.recordLength();
      long span = Math.max(1, Math.min(to - from, CHUNK_BYTES / recordLength));
      this.buf = new byte[(int) span * recordLength];
    }

    /** Moves to the next sample in the range; false when the range is exhausted. */
    boolean advance() {
      while (next < to) {
        long n = next++;
        if (isSample(n)) {
          return true;
        }
      }
      return false;
    }

    EtlReadStats stats() {
      return new EtlReadStats(records, emitted, dummies, modelImages, undecodable, filtered);
    }

    private boolean isSample(long n) {
      records++;
      if (n == 0 && format.hasDummyFirstRecord()) {
        dummies++;
        return false;
      }
      if (trailing != null && n >= trailing.firstRecord()) {
        modelImages++;
        return false;
      }
      int at = load(n);
      String l = decoder.label(format, buf, at, file.path(), n);
      if (l == null) {
        undecodable++;
        return false;
      }
      if (!decoder.accepts(l)) {
        filtered++;
        return false;
      }
      emitted++;
      number = n;
      base = at;
      label = l;
      return true;
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
