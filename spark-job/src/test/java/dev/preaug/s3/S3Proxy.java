package dev.preaug.s3;

import dev.preaug.spark.TestData;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 API server for the tests: S3Proxy 4.1.0 (its jar-with-dependencies, copied by the
 * build to {@code target/s3proxy/s3proxy.jar}) started as its own process on 127.0.0.1, on a free
 * port, with jclouds' filesystem store under a test directory and a fresh random secret, so
 * requests are signed and checked (a wrong secret gets 403). One bucket is created by making its
 * directory in the store before the server starts.
 */
public final class S3Proxy implements AutoCloseable {
  public static final String ACCESS_KEY = "preaug-test";

  private final Process process;
  private final int port;
  private final String secret;
  private final String bucket;
  private final Path log;

  private S3Proxy(Process process, int port, String secret, String bucket, Path log) {
    this.process = process;
    this.port = port;
    this.secret = secret;
    this.bucket = bucket;
    this.log = log;
  }

  /** Starts a server whose store lives under {@code dir}, holding an empty {@code bucket}. */
  public static S3Proxy start(Path dir, String bucket) throws IOException, InterruptedException {
    Path jar = TestData.repoRoot().resolve("spark-job/target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the build copies it in"
          + " generate-test-resources (run the tests through Maven)");
    }
    Path store = dir.resolve("store");
    Files.createDirectories(store.resolve(bucket));
    byte[] raw = new byte[20];
    new SecureRandom().nextBytes(raw);
    String secret = HexFormat.of().formatHex(raw);
    int port = freePort();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("s3proxy.endpoint", "http://127.0.0.1:" + port);
    props.put("s3proxy.authorization", "aws-v2-or-v4");
    props.put("s3proxy.identity", ACCESS_KEY);
    props.put("s3proxy.credential", secret);
    props.put("jclouds.provider", "filesystem");
    props.put("jclouds.filesystem.basedir", store.toString());
    StringBuilder text = new StringBuilder();
    props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = dir.resolve("s3proxy.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Path log = dir.resolve("s3proxy.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--properties");
    cmd.add(file.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(new File("/dev/null")).start();
    S3Proxy proxy = new S3Proxy(p, port, secret, bucket, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        proxy.close();
        throw new IllegalStateException("S3Proxy did not start on port " + port + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    return proxy;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code s3a://BUCKET/path}. */
  public String uri(String path) {
    return "s3a://" + bucket + "/" + path;
  }

  /**
   * The S3A settings a client needs for this server: the endpoint over plain HTTP, path-style
   * requests (no bucket subdomains on 127.0.0.1), a fixed region (no region lookup), and the
   * access key with {@code secret}.
   */
  public Map<String, String> s3aSettings(String secret) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    m.put("fs.s3a.access.key", ACCESS_KEY);
    m.put("fs.s3a.secret.key", secret);
    return m;
  }

  public Map<String, String> s3aSettings() {
    return s3aSettings(secret);
  }

  /** A Hadoop configuration that reaches this server. */
  public Configuration hadoop() {
    Configuration c = new Configuration();
    s3aSettings().forEach(c::set);
    return c;
  }

  /** The same settings as launcher options: {@code --conf spark.hadoop.K=V} pairs. */
  public List<String> sparkConfs(String secret) {
    List<String> out = new ArrayList<>();
    s3aSettings(secret).forEach((k, v) -> {
      out.add("--conf");
      out.add("spark.hadoop." + k + "=" + v);
    });
    return out;
  }

  public List<String> sparkConfs() {
    return sparkConfs(secret);
  }

  /** hadoop-aws and the AWS SDK bundle, as the build resolved them, for a launcher's classpath. */
  public static String s3aClasspath() throws IOException {
    Path f = TestData.repoRoot().resolve("spark-job/target/s3a-classpath.txt");
    return Files.readString(f, StandardCharsets.UTF_8).trim();
  }

  public String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
