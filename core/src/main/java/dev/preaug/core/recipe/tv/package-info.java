/**
 * torchvision's augmentation policies as recipe {@link dev.preaug.core.recipe.Stage}s:
 * {@link RandAugment}, {@link TrivialAugmentWide} and {@link AutoAugment}, with torchvision
 * 0.14's op lists, magnitude bins, signs and order of draws, driven by the record's
 * {@link dev.preaug.core.recipe.Rng} ({@code rng.nextLong(n)} where torchvision calls
 * {@code torch.randint(n, ...)}, {@code rng.nextFloat()} for {@code torch.rand}). A policy only
 * draws: it appends the plain ops of {@code dev.preaug.core.ops} that torchvision's
 * {@code _apply_op} computes on a PIL image, so a record's provenance is an ordinary op chain
 * that replays with {@code apply}.
 *
 * <p>What decides the bits: magnitudes are torch's float32 values (its CPU {@code linspace} at
 * the AVX2 capability, see {@code TorchMath}); the Python-level steps of {@code _apply_op}
 * ({@code int()} for translations and bits, {@code math.degrees(math.atan(m))} for shears,
 * {@code 1.0 + m} for the enhancers) happen in doubles as in CPython; AutoAugment compares its
 * probabilities in float32. The tests compare all of it with torchvision itself, run live.
 */
package dev.preaug.core.recipe.tv;
