package dev.preaug.interop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkSubmit;
import org.apache.spark.deploy.SparkSubmitArguments;
import org.apache.spark.deploy.k8s.KubernetesConf;
import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.KubernetesDriverSpec;
import org.apache.spark.deploy.k8s.submit.ClientArguments;
import org.apache.spark.deploy.k8s.submit.KubernetesDriverBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Kubernetes recipe of docs/kubernetes.md, checked with Spark 4.2.0's own submission code and
 * no cluster: the documented spark-submit command goes through {@code SparkSubmit}'s parsing and
 * submit-environment preparation, then Spark's {@code KubernetesDriverBuilder} builds the driver
 * pod it would send to the API server. deploy/kubernetes/rbac.yaml and the Dockerfile are checked
 * against the command. Nothing here starts a pod (there is no cluster on the build machines).
 */
class KubernetesRecipeTest {
  private static final Path REPO = Paths.get("").toAbsolutePath().resolve("../..").normalize();
  private static List<String> command;
  /** The driver configuration {@link #driverSpec} built the pod from. */
  private static KubernetesDriverConf driverConf;

  /** The spark-submit command of docs/kubernetes.md, as the shell would split it. */
  @BeforeAll
  static void readCommand() throws IOException {
    String doc = Files.readString(REPO.resolve("docs/kubernetes.md"));
    Matcher m = Pattern.compile("```bash\\n(\\$SPARK_HOME/bin/spark-submit .*?)```",
        Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/kubernetes.md has a ```bash block with the spark-submit command");
    String joined = m.group(1).replace("\\\n", " ");
    List<String> words = new ArrayList<>(List.of(joined.trim().split("\\s+")));
    assertEquals("$SPARK_HOME/bin/spark-submit", words.remove(0));
    command = words;
  }

  private static String confValue(String key) {
    for (int i = 0; i + 1 < command.size(); i++) {
      if (command.get(i).equals("--conf") && command.get(i + 1).startsWith(key + "=")) {
        return command.get(i + 1).substring(key.length() + 1);
      }
    }
    throw new AssertionError("the command sets no --conf " + key);
  }

  /** Spark's submission path up to the driver pod, as spark-submit would run it. */
  private static KubernetesDriverSpec driverSpec() {
    SparkSubmit submit = new SparkSubmit();
    SparkSubmitArguments args = submit.parseArguments(command.toArray(new String[0]));
    Tuple4<scala.collection.immutable.Seq<String>, scala.collection.immutable.Seq<String>,
        SparkConf, String> env = submit.prepareSubmitEnvironment(args, Option.empty());
    assertEquals("org.apache.spark.deploy.k8s.submit.KubernetesClientApplication", env._4(),
        "spark-submit hands the command to Spark's Kubernetes client");
    String[] childArgs = CollectionConverters.asJava(env._1()).toArray(new String[0]);
    ClientArguments client = ClientArguments.fromCommandLineArgs(childArgs);
    KubernetesDriverConf conf = KubernetesConf.createDriverConf(env._3(), "spark-preaugtest",
        client.mainAppResource(), client.mainClass(), client.driverArgs(), client.proxyUser());
    driverConf = conf;
    // Building the driver pod needs no API server; the client is never contacted.
    try (KubernetesClient k8s = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
      return new KubernetesDriverBuilder().buildFromFeatures(conf, k8s);
    }
  }

  @Test
  void sparkBuildsTheDriverPodTheRecipeDescribes() {
    KubernetesDriverSpec spec = driverSpec();
    Pod pod = spec.pod().pod();
    Container c = spec.pod().container();
    assertEquals(confValue("spark.kubernetes.container.image"), c.getImage());
    assertEquals("registry.example/preaug:0.1.0", c.getImage());
    // Spark creates the pod in the configuration's namespace (not set on the pod object itself).
    assertEquals("ml", driverConf.namespace());
    assertEquals("preaug", pod.getSpec().getServiceAccountName());
    List<String> argsInPod = c.getArgs();
    assertEquals("driver", argsInPod.get(0), argsInPod.toString());
    assertTrue(argsInPod.containsAll(List.of("--class", "dev.preaug.cli.Main",
        "local:///opt/preaug/preaug.jar", "run", "--input", "etl:s3a://datasets/ETL",
        "--output", "s3a://epochs/kanji", "--epochs", "next:3")), argsInPod.toString());
    // 2g of driver memory plus Spark's default 10% (>= 384 MiB) overhead for JVM apps.
    assertEquals("2432Mi", c.getResources().getRequests().get("memory").toString());
    assertEquals("KryoSerializer", spec.systemProperties().get("spark.serializer").get()
        .replaceAll(".*\\.", ""));
  }

  @Test
  void theServiceAccountExistsWithTheVerbsTheDriverUses() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : Files.readString(REPO.resolve("deploy/kubernetes/rbac.yaml"))
        .split("(?m)^---$")) {
      objects.add(Serialization.unmarshal(doc));
    }
    ServiceAccount sa = find(objects, ServiceAccount.class);
    Role role = find(objects, Role.class);
    RoleBinding binding = find(objects, RoleBinding.class);
    assertEquals(confValue("spark.kubernetes.authenticate.driver.serviceAccountName"),
        sa.getMetadata().getName());
    assertEquals(confValue("spark.kubernetes.namespace"), sa.getMetadata().getNamespace());
    assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
    assertEquals(sa.getMetadata().getName(), binding.getSubjects().get(0).getName());
    for (String resource : List.of("pods", "services", "configmaps")) {
      List<String> verbs = new ArrayList<>();
      for (PolicyRule r : role.getRules()) {
        if (r.getResources().contains(resource)) {
          verbs.addAll(r.getVerbs());
        }
      }
      assertTrue(verbs.containsAll(List.of("create", "get", "list", "watch", "delete")),
          resource + ": " + verbs);
    }
  }

  @Test
  void theImageCarriesTheBuiltSparkAndTheJarWhereTheCommandLooks() throws IOException {
    String pom = Files.readString(REPO.resolve("pom.xml"));
    Matcher v = Pattern.compile("<spark.version>(.*?)</spark.version>").matcher(pom);
    assertTrue(v.find());
    String docker = Files.readString(REPO.resolve("deploy/kubernetes/Dockerfile"));
    assertTrue(docker.contains("FROM apache/spark:" + v.group(1) + "-scala2.13-java17"),
        "the base image must be Spark " + v.group(1));
    String jar = command.stream().filter(w -> w.startsWith("local://")).findFirst().orElseThrow();
    assertTrue(docker.contains(" " + jar.substring("local://".length()) + "\n"), jar);
  }

  private static <T> T find(List<HasMetadata> objects, Class<T> type) {
    for (HasMetadata o : objects) {
      if (type.isInstance(o)) {
        return type.cast(o);
      }
    }
    throw new AssertionError("rbac.yaml has no " + type.getSimpleName());
  }
}
