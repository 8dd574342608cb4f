package dev.preaug.spark.input;

import java.io.Closeable;
import java.io.IOException;

/** Reads single samples by global index, for the direct exchange. */
public interface RandomAccessSamples extends Closeable {
  Sample read(long index) throws IOException;
}
