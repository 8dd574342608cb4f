package dev.preaug.spark;

import dev.preaug.core.epoch.EpochVerifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HDFS (NameNode and DataNode from hadoop-client-minicluster) as input and output:
 * inputs read from hdfs://, epochs published to hdfs:// by rename, verify passes on them, and
 * the shards equal those of the same run on the local filesystem.
 */
class HdfsSparkTest {
  @TempDir
  static Path tmp;
  static MiniDFSCluster hdfs;
  static FileSystem fs;
  static String uri;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    uri = fs.getUri().toString();
  }

  @AfterAll
  static void stop() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static PreaugConfig config(String images, String labels, String out) {
    return TestData.config(Map.of(ConfigKey.INPUT_IMAGES, images, ConfigKey.INPUT_LABELS, labels,
        ConfigKey.OUTPUT_DIR, out, ConfigKey.OUTPUT_SHARDS, "3", ConfigKey.SEED, "2",
        ConfigKey.EPOCHS, "2"), Map.of());
  }

  private static byte[] read(org.apache.hadoop.fs.Path p) throws Exception {
    try (InputStream in = fs.open(p)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    }
  }

  @Test
  void npyFromHdfsToHdfsPublishesVerifiableEpochs() throws Exception {
    Path[] local = TestData.glyphs(tmp.resolve("in"), 11, 4);
    fs.mkdirs(new org.apache.hadoop.fs.Path("/data"));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local[0].toString()),
        new org.apache.hadoop.fs.Path("/data/images.npy"));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local[1].toString()),
        new org.apache.hadoop.fs.Path("/data/labels.npy"));
    String out = uri + "/epochs";
    TestData.run(SparkTests.shared(), config(uri + "/data/images.npy", uri + "/data/labels.npy",
        out), false);
    Configuration client = new Configuration();
    EpochVerifier v = new EpochVerifier(new HadoopEpochStore(client));
    int ok = 0;
    for (String p : v.epochs(out)) {
      EpochVerifier.Verdict verdict = v.verify(p);
      assertTrue(verdict.ok, verdict.toString());
      ok++;
    }
    assertEquals(2, ok);
    // Nothing but the two epochs (no in-progress leftovers, lock released).
    FileStatus[] top = fs.listStatus(new org.apache.hadoop.fs.Path(out));
    assertEquals(2, top.length, java.util.Arrays.toString(top));
    // The same run on the local filesystem writes the same bytes.
    Path localOut = tmp.resolve("local-out");
    TestData.run(SparkTests.shared(), config(local[0].toString(), local[1].toString(),
        localOut.toString()), false);
    for (String e : new String[] {"epoch-00000", "epoch-00001"}) {
      for (Map.Entry<String, byte[]> f : TestData.files(localOut.resolve(e)).entrySet()) {
        if (f.getKey().contains("-train.")) {
          assertArrayEquals(f.getValue(), read(new org.apache.hadoop.fs.Path(out + "/" + e + "/"
              + f.getKey())), f.getKey());
        }
      }
    }
  }

  @Test
  void etlTreeOnHdfs() throws Exception {
    Path root = tmp.resolve("etl");
    Python.run("etl_reference.py", "make", root.toString(), "2", "150", "9");
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(root.toString()),
        new org.apache.hadoop.fs.Path("/etl"));
    String out = uri + "/etl-epochs";
    TestData.run(SparkTests.shared(), TestData.config(Map.of(ConfigKey.INPUT, "etl:" + uri
        + "/etl", ConfigKey.OUTPUT_DIR, out, ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.OUTPUT_FORMAT, "npy", ConfigKey.SEED, "3"), Map.of()), false);
    Path copy = tmp.resolve("etl-copy");
    fs.copyToLocalFile(new org.apache.hadoop.fs.Path(out + "/epoch-00000"),
        new org.apache.hadoop.fs.Path(copy.toString()));
    String result = Python.run("etl_reference.py", "check", root.toString(), copy.toString(),
        "all");
    assertTrue(result.contains("\"samples\": 300"), result);
    assertTrue(Files.exists(copy.resolve("labels.txt")));
  }
}
