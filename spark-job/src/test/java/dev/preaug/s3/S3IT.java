package dev.preaug.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.reliability.Cli;
import dev.preaug.spark.TestData;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 for real: the packaged launcher reads NPY input from and writes epochs to {@code s3a://}
 * on S3Proxy (its own process, signed requests), with the S3A settings passed the way a user
 * passes them ({@code --conf spark.hadoop.fs.s3a.*}) and hadoop-aws on the driver's classpath
 * ({@code spark.driver.extraClassPath}). The epochs equal those of the same run on local disk
 * byte for byte, and {@code verify} passes on the s3a output. Epochs are published there
 * without a directory rename (see OutputLayout); rerun, retention, the lock and a killed run
 * are checked on S3 too.
 */
@Tag("s3")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3IT {
  @TempDir
  static Path tmp;
  static S3Proxy s3;
  static FileSystem fs;
  static Path[] input;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Proxy.start(tmp.resolve("s3proxy"), "preaug");
    fs = new org.apache.hadoop.fs.Path(s3.uri("")).getFileSystem(s3.hadoop());
    input = TestData.glyphs(tmp.resolve("in"), 50, 20);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(input[0].toString()),
        new org.apache.hadoop.fs.Path(s3.uri("in/images.npy")));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(input[1].toString()),
        new org.apache.hadoop.fs.Path(s3.uri("in/labels.npy")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (fs != null) {
      fs.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** Launcher options that put S3A on the classpath and point it at the server. */
  static List<String> s3Options(String secret) throws Exception {
    List<String> a = new ArrayList<>(List.of("--conf", "spark.driver.extraClassPath="
        + S3Proxy.s3aClasspath()));
    a.addAll(secret == null ? s3.sparkConfs() : s3.sparkConfs(secret));
    return a;
  }

  static String[] runArgs(List<String> options, String images, String labels, String out,
      String... more) {
    List<String> a = new ArrayList<>(List.of("--master", "local[2]", "--conf",
        "spark.local.dir=" + tmp.resolve("spark-scratch")));
    a.addAll(options);
    a.addAll(List.of("run", "--images", images, "--labels", labels, "--output", out,
        "--shards", "4", "--format", "both", "--seed", "11"));
    a.addAll(more.length == 0 ? List.of("--epochs", "2") : List.of(more));
    return a.toArray(new String[0]);
  }

  static String[] s3Run(String out, String... more) throws Exception {
    return runArgs(s3Options(null), s3.uri("in/images.npy"), s3.uri("in/labels.npy"), out,
        more);
  }

  /** Every file of {@code epoch} on s3a equals the local run's, manifest aside. */
  static int assertSameAsLocal(String out, String epoch) throws Exception {
    Map<String, byte[]> want = TestData.files(tmp.resolve("local-out").resolve(epoch));
    assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(names(out + "/" + epoch)), epoch);
    int compared = 0;
    for (Map.Entry<String, byte[]> f : want.entrySet()) {
      if (f.getKey().equals("manifest.json")) {
        continue; // run id and timings differ; the shard checksums are in the shard files
      }
      assertArrayEquals(f.getValue(), read(out + "/" + epoch + "/" + f.getKey()),
          epoch + "/" + f.getKey());
      compared++;
    }
    return compared;
  }

  static byte[] read(String uri) throws Exception {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  static List<String> names(String uri) throws Exception {
    List<String> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(uri))) {
      out.add(st.getPath().getName());
    }
    out.sort(null);
    return out;
  }

  @Test
  @Order(1)
  @Timeout(600)
  void npyFromS3ToS3IsByteIdenticalToLocalAndVerifies() throws Exception {
    Path local = tmp.resolve("local-out");
    Cli.Result l = Cli.run(tmp, runArgs(List.of(), input[0].toString(), input[1].toString(),
        local.toString()));
    assertEquals(0, l.exit(), l.toString());
    String out = s3.uri("epochs");
    Cli.Result r = Cli.run(tmp, runArgs(s3Options(null), s3.uri("in/images.npy"),
        s3.uri("in/labels.npy"), out));
    assertEquals(0, r.exit(), r.toString());
    System.out.println("s3: local run:\n" + l.out() + "s3: s3a run:\n" + r.out());

    assertEquals(List.of("epoch-00000", "epoch-00001"), names(out), "nothing else is left");
    int compared = assertSameAsLocal(out, "epoch-00000") + assertSameAsLocal(out, "epoch-00001");
    assertTrue(compared >= 2 * 4 * 5, "compared " + compared + " files");

    List<String> v = new ArrayList<>(s3Options(null));
    v.addAll(List.of("verify", out));
    Cli.Result verify = Cli.run(tmp, v.toArray(new String[0]));
    assertEquals(0, verify.exit(), verify.toString());
    assertTrue(verify.out().contains("epoch-00001"), verify.toString());
    System.out.println("s3: verify:\n" + verify.out());
  }

  /**
   * On the output of the first test: a rerun skips what is published, {@code next:1 --keep 2}
   * adds an epoch and removes the oldest, and a live run's lock stops another run (exit 3).
   */
  @Test
  @Order(2)
  @Timeout(600)
  void resumeRetentionAndTheLockWorkOnS3() throws Exception {
    String out = s3.uri("epochs");
    Cli.Result again = Cli.run(tmp, s3Run(out));
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("epoch 0: already published with this config and input,"
        + " skipped"), again.toString());
    assertTrue(again.out().contains("epoch 1: already published"), again.toString());

    Cli.Result next = Cli.run(tmp, s3Run(out, "--epochs", "next:1", "--keep", "2"));
    assertEquals(0, next.exit(), next.toString());
    assertTrue(next.out().contains("retention: removed epoch-00000"), next.toString());
    assertEquals(List.of("epoch-00001", "epoch-00002"), names(out));
    assertSameAsLocal(out, "epoch-00001");

    org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(out + "/_preaug.lock");
    try (java.io.OutputStream o = fs.create(lock, false)) {
      o.write(("run_id=other-run\nhost=" + java.net.InetAddress.getLocalHost().getHostName()
          + "\npid=" + ProcessHandle.current().pid() + "\nstarted=now\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    Cli.Result locked = Cli.run(tmp, s3Run(out, "--epochs", "next:1"));
    assertEquals(3, locked.exit(), locked.toString());
    assertTrue(locked.err().contains("locked by run other-run"), locked.toString());
    assertEquals(List.of("_preaug.lock", "epoch-00001", "epoch-00002"), names(out));
    fs.delete(lock, false);
  }

  /**
   * A run killed (SIGKILL) while it writes shards into an unpublished epoch directory in place:
   * a reader listing and verifying the output all along never takes it for an epoch; the rerun
   * takes over the dead run's lock, removes the unpublished directory as its own leftover, and
   * ends with the bytes of an uninterrupted run.
   */
  @Test
  @Order(3)
  @Timeout(600)
  void aKilledRunLeavesNothingAReaderTakesForAnEpoch() throws Exception {
    String out = s3.uri("killed");
    Poller reader = new Poller(out);
    Thread t = new Thread(reader, "s3-reader");
    t.start();
    String killedEpoch = null;
    try (Cli.Running run = Cli.start(tmp, s3Run(out, "--epochs", "3"))) {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(300);
      while (killedEpoch == null) {
        assertTrue(run.process.isAlive(), "the run ended before it could be killed: "
            + run.out());
        assertTrue(System.nanoTime() < deadline, "no epoch was being written");
        killedEpoch = beingWritten(out);
        if (killedEpoch == null) {
          Thread.sleep(20);
        }
      }
      run.close();
    }
    // What the kill left: an epoch directory with shards, the marker and no _SUCCESS.
    List<String> left = names(out + "/" + killedEpoch);
    assertTrue(left.contains("_PREAUG_IN_PROGRESS"), left.toString());
    assertFalse(left.contains("_SUCCESS"), left.toString());
    Thread.sleep(500); // let the reader look at the killed state a few times

    Cli.Result rerun = Cli.run(tmp, s3Run(out, "--epochs", "3"));
    assertEquals(0, rerun.exit(), rerun.toString());
    assertTrue(rerun.out().contains("removing leftover of an earlier run: " + out + "/"
        + killedEpoch), rerun.toString());
    reader.stop();
    t.join(30_000);
    assertEquals(List.of(), reader.failures, "the reader saw partial epochs");
    assertTrue(reader.listings > 10, "listings " + reader.listings);
    assertEquals(List.of("epoch-00000", "epoch-00001", "epoch-00002"), names(out));
    assertSameAsLocal(out, "epoch-00000");
    assertSameAsLocal(out, "epoch-00001");
    System.out.println("s3: killed in " + killedEpoch + "; reader made " + reader.listings
        + " listings and " + reader.verified + " verifications, saw 0 partial epochs");
  }

  /** The first epoch directory with shard files but no _SUCCESS, or null. */
  static String beingWritten(String out) throws Exception {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
    if (!fs.exists(root)) {
      return null;
    }
    for (FileStatus st : fs.listStatus(root)) {
      String n = st.getPath().getName();
      if (!st.isDirectory() || !n.startsWith("epoch-") || n.equals("epoch-00000")) {
        continue;
      }
      boolean shard = false;
      boolean success = false;
      for (FileStatus f : fs.listStatus(st.getPath())) {
        shard |= f.getPath().getName().contains("-train.");
        success |= f.getPath().getName().equals("_SUCCESS");
      }
      if (shard && !success) {
        return n;
      }
    }
    return null;
  }

  /** Lists the published epochs over S3A again and again and verifies each one it sees. */
  static final class Poller implements Runnable {
    final String out;
    final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean stopped;
    volatile int listings;
    volatile int verified;

    Poller(String out) {
      this.out = out;
    }

    @Override
    public void run() {
      dev.preaug.spark.HadoopEpochStore store = new dev.preaug.spark.HadoopEpochStore(
          s3.hadoop());
      dev.preaug.core.epoch.EpochVerifier verifier =
          new dev.preaug.core.epoch.EpochVerifier(store);
      while (!stopped) {
        try {
          for (String dir : dev.preaug.core.epoch.EpochListing.published(store, out).values()) {
            dev.preaug.core.epoch.EpochVerifier.Verdict v = verifier.verify(dir);
            verified++;
            if (!v.ok) {
              // A published epoch may be removed under the reader only by retention, which
              // this test does not use: anything failing here is a partial epoch.
              failures.add(dir + ": " + v);
            }
          }
          listings++;
        } catch (Exception e) {
          failures.add(String.valueOf(e));
        }
      }
    }

    void stop() {
      stopped = true;
    }
  }

  /** An ETL Character Database tree (synthetic records) read from s3a:// by the scan job. */
  @Test
  @Order(4)
  @Timeout(600)
  void etlTreeFromS3IsByteIdenticalToLocal() throws Exception {
    Path root = tmp.resolve("etl");
    dev.preaug.spark.Python.run("etl_reference.py", "make", root.toString(), "2", "150", "9");
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(root.toString()),
        new org.apache.hadoop.fs.Path(s3.uri("etl")));
    Path local = tmp.resolve("etl-local");
    Cli.Result l = Cli.run(tmp, etlArgs(List.of(), root.toString(), local.toString()));
    assertEquals(0, l.exit(), l.toString());
    String out = s3.uri("etl-epochs");
    Cli.Result r = Cli.run(tmp, etlArgs(s3Options(null), s3.uri("etl"), out));
    assertEquals(0, r.exit(), r.toString());
    Map<String, byte[]> want = TestData.files(local.resolve("epoch-00000"));
    assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(names(out + "/epoch-00000")));
    assertTrue(want.containsKey("labels.txt"), want.keySet().toString());
    for (Map.Entry<String, byte[]> f : want.entrySet()) {
      if (!f.getKey().equals("manifest.json")) {
        assertArrayEquals(f.getValue(), read(out + "/epoch-00000/" + f.getKey()), f.getKey());
      }
    }
  }

  static String[] etlArgs(List<String> options, String dir, String out) {
    List<String> a = new ArrayList<>(List.of("--master", "local[2]", "--conf",
        "spark.local.dir=" + tmp.resolve("spark-scratch")));
    a.addAll(options);
    a.addAll(List.of("run", "--input", "etl:" + dir, "--output", out, "--shards", "2",
        "--format", "npy", "--seed", "3", "--epochs", "1"));
    return a.toArray(new String[0]);
  }

  @Test
  @Order(5)
  @Timeout(300)
  void aWrongSecretIsRefusedInOneLineAndNothingIsWritten() throws Exception {
    String out = s3.uri("refused");
    Cli.Result r = Cli.run(tmp, runArgs(s3Options("0".repeat(40)), s3.uri("in/images.npy"),
        s3.uri("in/labels.npy"), out));
    assertNotEquals(0, r.exit(), r.toString());
    List<String> lines = new ArrayList<>();
    for (String line : r.errorLines()) {
      // The AWS SDK bundle's own shaded SLF4J 1.x finds no binding and says so on stderr (three
      // lines, on every launch that loads the SDK): not preaug's output.
      if (!line.startsWith("SLF4J: ")) {
        lines.add(line);
      }
    }
    assertEquals(1, lines.size(), r.toString());
    assertTrue(lines.get(0).contains("images.npy"), r.toString());
    assertTrue(lines.get(0).contains("403") || lines.get(0).toLowerCase().contains("forbidden")
        || lines.get(0).toLowerCase().contains("signature"), r.toString());
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(out)), "nothing written");
  }
  /**
   * An image folder (PNGs in modes L, RGB, RGBA and P, and a JPEG per class) read from s3a gives the same
   * epoch bytes as the same folder on local disk: the folder scan lists and fingerprints through
   * the Hadoop FileSystem, and the decode and resize do not depend on where the bytes came from.
   */
  @Test
  @Order(6)
  @Timeout(600)
  void imageFolderFromS3IsByteIdenticalToLocal() throws Exception {
    Path root = tmp.resolve("folder");
    dev.preaug.spark.Python.run("folder_reference.py", "make", root.toString(), "4", "7", "9");
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(root.toString()),
        new org.apache.hadoop.fs.Path(s3.uri("folder")));
    Path local = tmp.resolve("folder-local");
    Cli.Result l = Cli.run(tmp, folderArgs(List.of(), root.toString(), local.toString()));
    assertEquals(0, l.exit(), l.toString());
    String out = s3.uri("folder-epochs");
    Cli.Result r = Cli.run(tmp, folderArgs(s3Options(null), s3.uri("folder"), out));
    assertEquals(0, r.exit(), r.toString());
    Map<String, byte[]> want = TestData.files(local.resolve("epoch-00000"));
    assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(names(out + "/epoch-00000")));
    assertTrue(want.containsKey("labels.txt"), want.keySet().toString());
    int compared = 0;
    for (Map.Entry<String, byte[]> f : want.entrySet()) {
      if (!f.getKey().equals("manifest.json")) {
        assertArrayEquals(f.getValue(), read(out + "/epoch-00000/" + f.getKey()), f.getKey());
        compared++;
      }
    }
    assertTrue(compared >= 2 * 3, "compared " + compared + " files");
  }

  static String[] folderArgs(List<String> options, String dir, String out) {
    List<String> a = new ArrayList<>(List.of("--master", "local[2]", "--conf",
        "spark.local.dir=" + tmp.resolve("spark-scratch")));
    a.addAll(options);
    a.addAll(List.of("run", "--input", "folder:" + dir, "--size", "40x36", "--set",
        "input.folder.mode=RGB", "--output", out, "--shards", "2", "--format", "both",
        "--seed", "5", "--epochs", "1"));
    return a.toArray(new String[0]);
  }

  /**
   * Rolling mode on s3a: with {@code --ahead 1} the run publishes epoch 0, then waits (polling
   * the trainer's marks under {@code _consumed/} on S3) until epoch 0 is marked consumed before
   * it builds epoch 1; both epochs equal the local run's bytes.
   */
  @Test
  @Order(7)
  @Timeout(600)
  void aheadWaitsForTheTrainersMarkOnS3() throws Exception {
    String out = s3.uri("rolling");
    try (Cli.Running run = Cli.start(tmp, s3Run(out, "--epochs", "2", "--ahead", "1", "--set",
        "rolling.poll_seconds=1"))) {
      org.apache.hadoop.fs.Path first = new org.apache.hadoop.fs.Path(out
          + "/epoch-00000/_SUCCESS");
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(300);
      while (!fs.exists(first)) {
        assertTrue(run.process.isAlive(), "the run ended before publishing epoch 0: "
            + run.out());
        assertTrue(System.nanoTime() < deadline, "epoch 0 not published in 300 s");
        Thread.sleep(200);
      }
      // Several poll periods: a run that ignored the mark would have started epoch 1 by now.
      Thread.sleep(6000);
      assertTrue(run.process.isAlive(), run.out());
      List<String> epochs = new ArrayList<>(names(out));
      epochs.removeIf(n -> n.startsWith("_")); // the run's own lock
      assertEquals(List.of("epoch-00000"), epochs, "epoch 1 built before epoch 0 was consumed");
      try (java.io.OutputStream o = fs.create(new org.apache.hadoop.fs.Path(out
          + "/_consumed/epoch-00000"), false)) {
        o.write("{\"consumer\": \"S3IT\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      Cli.Result r = run.finish(300);
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("waiting: epoch 1 would be more than 1 ahead of the trainer"),
          r.toString());
    }
    assertEquals(List.of("_consumed", "epoch-00000", "epoch-00001"), names(out));
    assertSameAsLocal(out, "epoch-00000");
    assertSameAsLocal(out, "epoch-00001");
  }
}
