package dev.preaug.core.format;

import java.io.Serializable;

/** One written file of a shard: its kind, name (relative to the epoch dir), size and SHA-256. */
public final class FileInfo implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Kinds of shard files. */
  public static final String TFRECORD = "tfrecord";
  public static final String IMAGES = "images";
  public static final String LABELS = "labels";
  public static final String INDEX = "index";
  public static final String OPS = "ops";

  private final String kind;
  private final String file;
  private final long bytes;
  private final String sha256;

  public FileInfo(String kind, String file, long bytes, String sha256) {
    this.kind = kind;
    this.file = file;
    this.bytes = bytes;
    this.sha256 = sha256;
  }

  public String kind() {
    return kind;
  }

  public String file() {
    return file;
  }

  public long bytes() {
    return bytes;
  }

  public String sha256() {
    return sha256;
  }

  @Override
  public String toString() {
    return kind + ":" + file + " (" + bytes + " bytes)";
  }
}
