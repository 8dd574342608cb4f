package dev.preaug.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short seeded fuzz run of every parser target in the normal build (3,000 mutants each, a
 * few seconds). The long, nightly-style run is the same test with more inputs:
 *
 * <pre>
 * ./mvnw -o -q -pl core test -Dtest=ParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.iterations=100000 [-Dfuzz.seed=N]
 * </pre>
 *
 * or {@link FuzzMain} from the command line (docs/reliability.md). Each target prints one
 * summary line; any failure lists the input number and its bytes in base64.
 */
class ParserFuzzTest {
  static final long ITERATIONS = Long.getLong("fuzz.iterations", 3000);
  static final long SEED = Long.getLong("fuzz.seed", 20261124);
  static final long TIMEOUT_MS = Long.getLong("fuzz.timeout.ms", 10_000);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"npy-header", "etl-records", "tfrecord", "co59-table"})
  void onlyDocumentedExceptionsNoHangsBoundedAllocation(String target) {
    Fuzzer.Report r = Fuzzer.run(Targets.byName(target), SEED, ITERATIONS, TIMEOUT_MS);
    System.out.println(r.summary());
    assertTrue(r.ok(), r.toString());
    assertEquals(ITERATIONS, r.inputs, r.toString());
    // The mutants must reach both outcomes, or the run tested little.
    assertTrue(r.accepted > 0, "no mutant was accepted: " + r.summary());
    assertTrue(r.inputs - r.accepted > ITERATIONS / 10, "few mutants were rejected: "
        + r.summary());
  }
}
