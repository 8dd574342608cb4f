package dev.preaug.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Ships the driver's Hadoop configuration (filesystem URIs, S3A credentials providers, HDFS
 * client settings) to tasks, which open inputs and outputs themselves. It travels as plain
 * bytes, so any serializer moves it (Kryo, which Spark uses for broadcasts here, ignores Java's
 * writeObject hooks), and it is parsed once per JVM that receives it.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 2L;
  private final byte[] bytes;
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.bytes = b.toByteArray();
  }

  public synchronized Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(false);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        c.readFields(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      conf = c;
    }
    return conf;
  }
}
