package dev.preaug.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The cluster tests' comparison of a cluster run's epochs with the local reference's. */
final class SameEpochs {
  private SameEpochs() {}

  /**
   * Every file of epochs 0..epochs-1 equal byte for byte, manifests equal but for run id,
   * timings and input location, and {@code shards} shards of each of the five per-shard files (tfrecord, images,
   * labels, index, ops) in each epoch.
   */
  static void assertSame(Path expected, Path actual, int epochs, int shards, String diag)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (int e = 0; e < epochs; e++) {
      String epoch = String.format("epoch-%05d", e);
      Map<String, byte[]> want = TestData.files(expected.resolve(epoch));
      Map<String, byte[]> got = TestData.files(actual.resolve(epoch));
      assertEquals(want.keySet(), got.keySet(), epoch + ": same files\n" + diag);
      int shardFiles = 0;
      for (String name : want.keySet()) {
        if (name.equals("manifest.json")) {
          assertEquals(stable(json.readTree(want.get(name))), stable(json.readTree(got.get(name))),
              epoch + "/manifest.json");
        } else {
          assertArrayEquals(want.get(name), got.get(name), epoch + "/" + name + " differs");
          shardFiles += name.contains("-train.") ? 1 : 0;
        }
      }
      assertEquals(shards * 5, shardFiles, epoch + ": tfrecord, images, labels, index, ops");
    }
  }

  /**
   * A manifest without what legitimately differs between two runs: run id, timings, and where
   * the input was read from (its content's fingerprint stays compared).
   */
  private static JsonNode stable(JsonNode manifest) {
    ObjectNode m = manifest.deepCopy();
    m.remove(List.of("run_id", "timings", "input"));
    for (JsonNode shard : m.path("shard_list")) {
      ((ObjectNode) shard).remove("seconds");
    }
    return m;
  }
}
