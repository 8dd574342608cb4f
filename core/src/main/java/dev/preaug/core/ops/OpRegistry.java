package dev.preaug.core.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every op preaug knows, by spec name. Each op class declares its own {@link OpKind}; this list
 * is the only other place that names it, and its order is the order error messages list names.
 */
public final class OpRegistry {
  private static final Map<String, OpKind> BY_NAME = index(List.of(Rotate.KIND, Shear.KIND,
      ResizePaste.KIND, Sine.KIND, GaussianBlur.KIND, Sharpen.KIND, Smooth.KIND,
      // torchvision's pixel ops (PIL backend), modes L and RGB
      HFlip.KIND, VFlip.KIND, Invert.KIND, Posterize.KIND, Solarize.KIND, AutoContrast.KIND,
      Equalize.KIND, Brightness.KIND, Contrast.KIND, Sharpness.KIND, Saturation.KIND, Hue.KIND,
      PadCrop.KIND, Affine.KIND, ResizedCrop.KIND, Grayscale.KIND));

  private OpRegistry() {}

  private static Map<String, OpKind> index(List<OpKind> kinds) {
    Map<String, OpKind> m = new LinkedHashMap<>();
    for (OpKind k : kinds) {
      if (m.put(k.name(), k) != null) {
        throw new IllegalStateException("two ops named " + k.name());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Every kind, in registry order. */
  public static List<OpKind> kinds() {
    return List.copyOf(BY_NAME.values());
  }

  /** The spec names, in registry order. */
  public static List<String> names() {
    return new ArrayList<>(BY_NAME.keySet());
  }

  /** The kind named {@code name}, or null when there is none. */
  public static OpKind find(String name) {
    return BY_NAME.get(name);
  }
}
