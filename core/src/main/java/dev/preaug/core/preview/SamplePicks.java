package dev.preaug.core.preview;

import dev.preaug.core.recipe.Rng;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Which samples a preview shows: given explicitly, or drawn at random with a seed. */
public final class SamplePicks {
  private SamplePicks() {}

  /**
   * Parses {@code "3,17,42"}: sample indices in [0, samples), in the order given.
   *
   * @throws IllegalArgumentException naming the bad entry and the rule
   */
  public static long[] parse(String text, long samples) {
    String[] parts = text.split(",", -1);
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      long v;
      try {
        v = Long.parseLong(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + p + "' is not a sample index (expected"
            + " comma-separated integers such as 3,17,42)");
      }
      if (v < 0 || v >= samples) {
        throw new IllegalArgumentException("sample " + v + " is outside [0, " + samples + ")");
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * {@code min(count, samples)} distinct indices in [0, samples), uniformly chosen by
   * {@code seed} (Floyd's algorithm, so memory is O(count) however large the dataset), sorted.
   */
  public static long[] random(long samples, int count, long seed) {
    int k = (int) Math.min(count, samples);
    Rng rng = new Rng(Rng.fmix64(seed ^ 0x5EED_9A1C_0FF5_E7L));
    Set<Long> chosen = new HashSet<>();
    for (long j = samples - k; j < samples; j++) {
      long t = rng.nextLong(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    long[] out = chosen.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
