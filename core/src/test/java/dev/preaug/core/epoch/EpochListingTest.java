package dev.preaug.core.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preaug.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one epoch listing rule, on plain files. */
class EpochListingTest {
  private final EpochStore store = new LocalEpochStore();

  @TempDir
  Path out;

  private void epoch(String name, boolean published) throws Exception {
    Files.createDirectories(out.resolve(name));
    if (published) {
      Files.writeString(out.resolve(name).resolve("_SUCCESS"), "");
    }
  }

  @Test
  void publishedEpochsAreCanonicalDirectoriesWithSuccess() throws Exception {
    epoch("epoch-00000", true);
    epoch("epoch-00001", false);
    epoch("epoch-000002", true); // another spelling of 2: not an epoch
    epoch(".epoch-00003.inprogress", true);
    epoch("epoch-00004", true);
    Files.writeString(out.resolve("epoch-00005"), "a file");
    assertEquals(List.of(0L, 4L),
        List.copyOf(EpochListing.published(store, out.toString()).keySet()));
    assertEquals(List.of(0L, 1L, 4L),
        List.copyOf(EpochListing.directories(store, out.toString()).keySet()));
    assertEquals(Map.of(), EpochListing.published(store, out.resolve("missing").toString()));
  }

  @Test
  void marksAreFilesNamedLikeEpochs() throws Exception {
    Path c = Files.createDirectories(out.resolve("_consumed"));
    Files.writeString(c.resolve("epoch-00002"), "{}");
    Files.writeString(c.resolve(".epoch-00003.123.tmp"), "{}");
    Files.createDirectories(c.resolve("epoch-00004"));
    assertEquals(List.of(2L), List.copyOf(EpochListing.marks(store, c.toString()).keySet()));
    assertEquals(Map.of(), EpochListing.marks(store, out.resolve("none").toString()));
  }

  @Test
  void atNamesTheEpochsAUserPointedAt() throws Exception {
    epoch("epoch-00007", false);
    epoch("epoch-00003", true);
    String root = out.toString();
    assertEquals(List.of(out.resolve("epoch-00003").toString(),
        out.resolve("epoch-00007").toString()), EpochListing.at(store, root));
    String one = out.resolve("epoch-00007").toString();
    assertEquals(List.of(one), EpochListing.at(store, one));
    BadInputException e = assertThrows(BadInputException.class,
        () -> EpochListing.at(store, out.resolve("nope").toString()));
    assertEquals(out.resolve("nope") + ": no such directory", e.getMessage());
    Path empty = Files.createDirectories(out.resolve("empty"));
    e = assertThrows(BadInputException.class, () -> EpochListing.at(store, empty.toString()));
    assertEquals(empty + ": holds no epoch-NNNNN directories", e.getMessage());
  }
}
