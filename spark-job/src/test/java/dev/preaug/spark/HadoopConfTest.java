package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** The configuration must survive the serializers Spark uses across JVMs, Kryo included. */
class HadoopConfTest {
  @Test
  void survivesKryoAsSparkShipsBroadcasts() {
    Configuration c = new Configuration(false);
    c.set("fs.s3a.endpoint", "https://example.invalid");
    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    ByteBuffer b = kryo.serialize(new HadoopConf(c), ClassTag$.MODULE$.apply(HadoopConf.class));
    HadoopConf back = kryo.deserialize(b, ClassTag$.MODULE$.apply(HadoopConf.class));
    assertEquals("https://example.invalid", back.get().get("fs.s3a.endpoint"));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    Configuration c = new Configuration(false);
    c.set("dfs.replication", "2");
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
      out.writeObject(new HadoopConf(c));
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(b.toByteArray()))) {
      assertEquals("2", ((HadoopConf) in.readObject()).get().get("dfs.replication"));
    }
  }
}
