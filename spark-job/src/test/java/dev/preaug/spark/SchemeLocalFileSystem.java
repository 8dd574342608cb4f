package dev.preaug.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local filesystem under a test scheme of its own ({@code fullfs://}, {@code trackfs://},
 * ...), registered with {@code fs.<scheme>.impl}, so a test can change one behaviour of it
 * without touching {@code file:}.
 */
public abstract class SchemeLocalFileSystem extends RawLocalFileSystem {
  private final String scheme;

  protected SchemeLocalFileSystem(String scheme) {
    this.scheme = scheme;
  }

  /** The URI of a local path under {@code scheme}. */
  public static String uri(String scheme, java.nio.file.Path local) {
    return scheme + "://" + local.toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return URI.create(scheme + ":///");
  }

  @Override
  public String getScheme() {
    return scheme;
  }
}
