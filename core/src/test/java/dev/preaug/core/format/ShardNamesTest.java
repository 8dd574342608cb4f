package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names readers, docs and tests depend on (BRIEF.md, "Output layout"). */
class ShardNamesTest {
  @Test
  void shardFileNames() {
    assertEquals("kanji-train.tfrecord-00003-of-00064", ShardNames.tfrecord("kanji", 3, 64));
    assertEquals("kanji-train.images-00003-of-00064.npy", ShardNames.images("kanji", 3, 64));
    assertEquals("kanji-train.labels-00003-of-00064.npy", ShardNames.labels("kanji", 3, 64));
    assertEquals("kanji-train.index-00003-of-00064.npy", ShardNames.index("kanji", 3, 64));
    assertEquals("kanji-train.ops-00003-of-00064.txt", ShardNames.ops("kanji", 3, 64));
    assertEquals("preaug-train.tfrecord-00000-of-00001", ShardNames.tfrecord("preaug", 0, 1));
    assertEquals("d-train.tfrecord-99998-of-99999", ShardNames.tfrecord("d", 99998, 99999));
    assertEquals("etl.v2-train.images-00063-of-00064.npy", ShardNames.images("etl.v2", 63, 64));
  }

  @Test
  void fixedNames() {
    assertEquals("train", ShardNames.SPLIT);
    assertEquals("manifest.json", ShardNames.MANIFEST);
    assertEquals("_SUCCESS", ShardNames.SUCCESS);
    assertEquals("dataset_info.json", ShardNames.DATASET_INFO);
    assertEquals("features.json", ShardNames.FEATURES);
    assertEquals("labels.txt", ShardNames.LABELS_TXT);
  }

  @Test
  void epochDirectories() {
    assertEquals("epoch-00012", ShardNames.epochDir(12));
    assertEquals("epoch-00000", ShardNames.epochDir(0));
    assertEquals("epoch-99999", ShardNames.epochDir(99999));
    assertEquals("epoch-123456", ShardNames.epochDir(123456));
    assertEquals(".epoch-00012.inprogress", ShardNames.inProgressDir(12));
    assertTrue(ShardNames.inProgressDir(0).startsWith("."), "in-progress dirs are hidden");
  }

  @Test
  void parseEpochDir() {
    assertEquals(12, ShardNames.parseEpochDir("epoch-00012"));
    assertEquals(0, ShardNames.parseEpochDir("epoch-00000"));
    assertEquals(123456, ShardNames.parseEpochDir("epoch-123456"));
    assertEquals(999_999_999_999_999_999L,
        ShardNames.parseEpochDir("epoch-999999999999999999"));
    for (long e : new long[] {0, 1, 12, 99999, 100000, 9_999_999}) {
      assertEquals(e, ShardNames.parseEpochDir(ShardNames.epochDir(e)));
    }
    for (String not : new String[] {"epoch-0012", "epoch-00012x", "epoch-00012/",
        ".epoch-00012.inprogress", "Epoch-00012", "epoch_00012", "epoch-", "epoch--0001",
        "epoch-1234567890123456789", "xepoch-00012", "epoch-0001\u0662", "epoch- 0012",
        "_SUCCESS", "", "epoch-000003", "epoch-012345", "epoch-0000000"}) {
      assertEquals(-1, ShardNames.parseEpochDir(not), not);
    }
  }

  @Test
  void validName() {
    for (String ok : new String[] {"preaug", "etl9b_v2", "a.b", "9x", "A", "kanji.3036", "a_",
        "x."}) {
      assertTrue(ShardNames.validName(ok), ok);
    }
    for (String bad : new String[] {"", "_x", ".x", "a..b", "a-b", "a b", "a/b", "a\\b",
        "caf\u00e9", "..", "a:b", "a*"}) {
      assertFalse(ShardNames.validName(bad), bad);
    }
  }
}
