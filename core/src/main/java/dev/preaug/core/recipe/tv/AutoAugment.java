package dev.preaug.core.recipe.tv;

import static dev.preaug.core.recipe.tv.PolicyOp.AUTO_CONTRAST;
import static dev.preaug.core.recipe.tv.PolicyOp.BRIGHTNESS;
import static dev.preaug.core.recipe.tv.PolicyOp.COLOR;
import static dev.preaug.core.recipe.tv.PolicyOp.CONTRAST;
import static dev.preaug.core.recipe.tv.PolicyOp.EQUALIZE;
import static dev.preaug.core.recipe.tv.PolicyOp.INVERT;
import static dev.preaug.core.recipe.tv.PolicyOp.POSTERIZE;
import static dev.preaug.core.recipe.tv.PolicyOp.ROTATE;
import static dev.preaug.core.recipe.tv.PolicyOp.SHARPNESS;
import static dev.preaug.core.recipe.tv.PolicyOp.SHEAR_X;
import static dev.preaug.core.recipe.tv.PolicyOp.SHEAR_Y;
import static dev.preaug.core.recipe.tv.PolicyOp.SOLARIZE;
import static dev.preaug.core.recipe.tv.PolicyOp.TRANSLATE_X;
import static dev.preaug.core.recipe.tv.PolicyOp.TRANSLATE_Y;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * torchvision's {@code transforms.AutoAugment(policy)} with its default NEAREST interpolation and
 * fill {@code None}: one of the policy's 25 sub-policies uniformly, then each of its two steps
 * {@code (op, probability, magnitude bin)} applied with its probability, at its bin of the
 * 10-bin space ({@link AugmentationSpace#autoAugment}), signed ops negated with probability 1/2.
 * The three policies are the tables of torchvision 0.14's {@code AutoAugment._get_policies}
 * (from the AutoAugment paper).
 *
 * <p>Draws, all up front as {@code AutoAugment.get_params} makes them, whether or not a step
 * applies: the sub-policy ({@code torch.randint(25, (1,))}, here {@code rng.nextLong(25)}), the
 * two probabilities ({@code torch.rand((2,))}, here two {@link Rng#nextFloat}), the two signs
 * ({@code torch.randint(2, (2,))}, two {@code rng.nextLong(2)}). Step {@code i} applies when
 * {@code probs[i] <= p}, compared in float32 as torch compares a float tensor with a Python
 * float; a signed step is negated when its sign is 0 (RandAugment's convention is the reverse).
 * A step with probability 0 still applies when its draw is exactly 0, as in torchvision.
 *
 * <p>TranslateX and TranslateY scale with the image, so the ops are resolved once per image size.
 */
public final class AutoAugment implements Stage {
  /** torchvision's {@code AutoAugmentPolicy}: the dataset each policy was learned on. */
  public enum Policy {
    IMAGENET,
    CIFAR10,
    SVHN;

    /** The lower-case word torchvision's enum values carry ({@code cifar10}). */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A sub-policy step without a magnitude (AutoContrast, Equalize, Invert): magnitude 0.0. */
  private static final int NONE = -1;

  /** One step of a sub-policy: torchvision's {@code (op_name, p, magnitude_id)}. */
  static final class Step {
    final PolicyOp op;
    /** The probability as torch compares it: the Python float rounded to float32. */
    final float probability;
    /** The bin of the 10-bin space, or {@link #NONE}. */
    final int bin;

    Step(PolicyOp op, float probability, int bin) {
      this.op = op;
      this.probability = probability;
      this.bin = bin;
    }
  }

  /** Two steps, applied in order. */
  static final class SubPolicy {
    final Step first;
    final Step second;

    SubPolicy(Step first, Step second) {
      this.first = first;
      this.second = second;
    }

    Step step(int i) {
      return i == 0 ? first : second;
    }
  }

  private static SubPolicy sub(PolicyOp a, float pa, int ma, PolicyOp b, float pb, int mb) {
    return new SubPolicy(new Step(a, pa, ma), new Step(b, pb, mb));
  }

  // The tables of torchvision 0.14's AutoAugment._get_policies, in its order (the order decides
  // which sub-policy a draw picks). AutoAugmentLiveTest compares them with torchvision's.
  private static final SubPolicy[] IMAGENET = {
      sub(POSTERIZE, 0.4f, 8, ROTATE, 0.6f, 9),
      sub(SOLARIZE, 0.6f, 5, AUTO_CONTRAST, 0.6f, NONE),
      sub(EQUALIZE, 0.8f, NONE, EQUALIZE, 0.6f, NONE),
      sub(POSTERIZE, 0.6f, 7, POSTERIZE, 0.6f, 6),
      sub(EQUALIZE, 0.4f, NONE, SOLARIZE, 0.2f, 4),
      sub(EQUALIZE, 0.4f, NONE, ROTATE, 0.8f, 8),
      sub(SOLARIZE, 0.6f, 3, EQUALIZE, 0.6f, NONE),
      sub(POSTERIZE, 0.8f, 5, EQUALIZE, 1.0f, NONE),
      sub(ROTATE, 0.2f, 3, SOLARIZE, 0.6f, 8),
      sub(EQUALIZE, 0.6f, NONE, POSTERIZE, 0.4f, 6),
      sub(ROTATE, 0.8f, 8, COLOR, 0.4f, 0),
      sub(ROTATE, 0.4f, 9, EQUALIZE, 0.6f, NONE),
      sub(EQUALIZE, 0.0f, NONE, EQUALIZE, 0.8f, NONE),
      sub(INVERT, 0.6f, NONE, EQUALIZE, 1.0f, NONE),
      sub(COLOR, 0.6f, 4, CONTRAST, 1.0f, 8),
      sub(ROTATE, 0.8f, 8, COLOR, 1.0f, 2),
      sub(COLOR, 0.8f, 8, SOLARIZE, 0.8f, 7),
      sub(SHARPNESS, 0.4f, 7, INVERT, 0.6f, NONE),
      sub(SHEAR_X, 0.6f, 5, EQUALIZE, 1.0f, NONE),
      sub(COLOR, 0.4f, 0, EQUALIZE, 0.6f, NONE),
      sub(EQUALIZE, 0.4f, NONE, SOLARIZE, 0.2f, 4),
      sub(SOLARIZE, 0.6f, 5, AUTO_CONTRAST, 0.6f, NONE),
      sub(INVERT, 0.6f, NONE, EQUALIZE, 1.0f, NONE),
      sub(COLOR, 0.6f, 4, CONTRAST, 1.0f, 8),
      sub(EQUALIZE, 0.8f, NONE, EQUALIZE, 0.6f, NONE),
  };
  private static final SubPolicy[] CIFAR10 = {
      sub(INVERT, 0.1f, NONE, CONTRAST, 0.2f, 6),
      sub(ROTATE, 0.7f, 2, TRANSLATE_X, 0.3f, 9),
      sub(SHARPNESS, 0.8f, 1, SHARPNESS, 0.9f, 3),
      sub(SHEAR_Y, 0.5f, 8, TRANSLATE_Y, 0.7f, 9),
      sub(AUTO_CONTRAST, 0.5f, NONE, EQUALIZE, 0.9f, NONE),
      sub(SHEAR_Y, 0.2f, 7, POSTERIZE, 0.3f, 7),
      sub(COLOR, 0.4f, 3, BRIGHTNESS, 0.6f, 7),
      sub(SHARPNESS, 0.3f, 9, BRIGHTNESS, 0.7f, 9),
      sub(EQUALIZE, 0.6f, NONE, EQUALIZE, 0.5f, NONE),
      sub(CONTRAST, 0.6f, 7, SHARPNESS, 0.6f, 5),
      sub(COLOR, 0.7f, 7, TRANSLATE_X, 0.5f, 8),
      sub(EQUALIZE, 0.3f, NONE, AUTO_CONTRAST, 0.4f, NONE),
      sub(TRANSLATE_Y, 0.4f, 3, SHARPNESS, 0.2f, 6),
      sub(BRIGHTNESS, 0.9f, 6, COLOR, 0.2f, 8),
      sub(SOLARIZE, 0.5f, 2, INVERT, 0.0f, NONE),
      sub(EQUALIZE, 0.2f, NONE, AUTO_CONTRAST, 0.6f, NONE),
      sub(EQUALIZE, 0.2f, NONE, EQUALIZE, 0.6f, NONE),
      sub(COLOR, 0.9f, 9, EQUALIZE, 0.6f, NONE),
      sub(AUTO_CONTRAST, 0.8f, NONE, SOLARIZE, 0.2f, 8),
      sub(BRIGHTNESS, 0.1f, 3, COLOR, 0.7f, 0),
      sub(SOLARIZE, 0.4f, 5, AUTO_CONTRAST, 0.9f, NONE),
      sub(TRANSLATE_Y, 0.9f, 9, TRANSLATE_Y, 0.7f, 9),
      sub(AUTO_CONTRAST, 0.9f, NONE, SOLARIZE, 0.8f, 3),
      sub(EQUALIZE, 0.8f, NONE, INVERT, 0.1f, NONE),
      sub(TRANSLATE_Y, 0.7f, 9, AUTO_CONTRAST, 0.9f, NONE),
  };
  private static final SubPolicy[] SVHN = {
      sub(SHEAR_X, 0.9f, 4, INVERT, 0.2f, NONE),
      sub(SHEAR_Y, 0.9f, 8, INVERT, 0.7f, NONE),
      sub(EQUALIZE, 0.6f, NONE, SOLARIZE, 0.6f, 6),
      sub(INVERT, 0.9f, NONE, EQUALIZE, 0.6f, NONE),
      sub(EQUALIZE, 0.6f, NONE, ROTATE, 0.9f, 3),
      sub(SHEAR_X, 0.9f, 4, AUTO_CONTRAST, 0.8f, NONE),
      sub(SHEAR_Y, 0.9f, 8, INVERT, 0.4f, NONE),
      sub(SHEAR_Y, 0.9f, 5, SOLARIZE, 0.2f, 6),
      sub(INVERT, 0.9f, NONE, AUTO_CONTRAST, 0.8f, NONE),
      sub(EQUALIZE, 0.6f, NONE, ROTATE, 0.9f, 3),
      sub(SHEAR_X, 0.9f, 4, SOLARIZE, 0.3f, 3),
      sub(SHEAR_Y, 0.8f, 8, INVERT, 0.7f, NONE),
      sub(EQUALIZE, 0.9f, NONE, TRANSLATE_Y, 0.6f, 6),
      sub(INVERT, 0.9f, NONE, EQUALIZE, 0.6f, NONE),
      sub(CONTRAST, 0.3f, 3, ROTATE, 0.8f, 4),
      sub(INVERT, 0.8f, NONE, TRANSLATE_Y, 0.0f, 2),
      sub(SHEAR_Y, 0.7f, 6, SOLARIZE, 0.4f, 8),
      sub(INVERT, 0.6f, NONE, ROTATE, 0.8f, 4),
      sub(SHEAR_Y, 0.3f, 7, TRANSLATE_X, 0.9f, 3),
      sub(SHEAR_X, 0.1f, 6, INVERT, 0.6f, NONE),
      sub(SOLARIZE, 0.7f, 2, TRANSLATE_Y, 0.6f, 7),
      sub(SHEAR_Y, 0.8f, 4, INVERT, 0.8f, NONE),
      sub(SHEAR_X, 0.7f, 9, TRANSLATE_Y, 0.8f, 3),
      sub(SHEAR_Y, 0.8f, 5, AUTO_CONTRAST, 0.7f, NONE),
      sub(SHEAR_X, 0.7f, 2, INVERT, 0.1f, NONE),
  };

  private final Policy policy;
  private final SubPolicy[] subPolicies;
  /** The ops for the last image size sampled: a dataset's records all share one. */
  private volatile Sized sized;

  /** Per sub-policy and step, the op unsigned ([s][i][0]) and negated ([s][i][1]). */
  private static final class Sized {
    final int width;
    final int height;
    final Op[][][] ops;

    Sized(int width, int height, Op[][][] ops) {
      this.width = width;
      this.height = height;
      this.ops = ops;
    }
  }

  /**
   * torchvision's {@code AutoAugment(policy)}; its default policy is {@code IMAGENET}.
   *
   * @throws NullPointerException if {@code policy} is null
   */
  public AutoAugment(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "AutoAugment policy");
    this.subPolicies = table(policy);
  }

  /** The sub-policies of {@code policy}, in torchvision's order. */
  static SubPolicy[] table(Policy policy) {
    switch (policy) {
      case IMAGENET:
        return IMAGENET;
      case CIFAR10:
        return CIFAR10;
      case SVHN:
        return SVHN;
      default:
        throw new AssertionError(policy);
    }
  }

  /** The policy named by torchvision's word ({@code imagenet}, {@code cifar10}, {@code svhn}). */
  public static Policy policy(String word) {
    for (Policy p : Policy.values()) {
      if (p.word().equals(word)) {
        return p;
      }
    }
    throw new IllegalArgumentException("AutoAugment policy must be one of imagenet, cifar10,"
        + " svhn, got '" + word + "'");
  }

  public Policy policy() {
    return policy;
  }

  /** The augmentation space the steps' bins index, for a {@code width} x {@code height} image. */
  static AugmentationSpace space(int width, int height) {
    return AugmentationSpace.autoAugment(width, height);
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    Op[][][] ops = sized(width, height).ops;
    int s = (int) rng.nextLong(subPolicies.length);
    float p0 = rng.nextFloat();
    float p1 = rng.nextFloat();
    long sign0 = rng.nextLong(2);
    long sign1 = rng.nextLong(2);
    add(out, ops[s][0], subPolicies[s].first, p0, sign0);
    add(out, ops[s][1], subPolicies[s].second, p1, sign1);
  }

  private static void add(List<Op> out, Op[] ops, Step step, float drawn, long sign) {
    if (drawn <= step.probability) {
      // ops[0] == ops[1] for an unsigned step, so the sign does not matter there.
      out.add(ops[sign == 0 ? 1 : 0]);
    }
  }

  private Sized sized(int width, int height) {
    Sized s = sized;
    if (s == null || s.width != width || s.height != height) {
      AugmentationSpace space = space(width, height);
      Op[][][] ops = new Op[subPolicies.length][2][2];
      for (int p = 0; p < ops.length; p++) {
        for (int i = 0; i < 2; i++) {
          Step step = subPolicies[p].step(i);
          AugmentationSpace.Entry e = space.entry(step.op);
          int bin = step.bin == NONE ? 0 : step.bin;
          ops[p][i][0] = e.op.op(e.applied(bin, false));
          ops[p][i][1] = e.signed ? e.op.op(e.applied(bin, true)) : ops[p][i][0];
        }
      }
      s = new Sized(width, height, ops);
      sized = s;
    }
    return s;
  }

  /** Always null: every op keeps the image size, and every size has its translations. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code AutoAugment(policy=cifar10)}. */
  @Override
  public String spec() {
    return "AutoAugment(policy=" + policy.word() + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AutoAugment && ((AutoAugment) o).policy == policy;
  }

  @Override
  public int hashCode() {
    return policy.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
