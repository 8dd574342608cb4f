package dev.preaug.core.recipe.tv;

import dev.preaug.core.recipe.Stage;
import java.util.List;

/** What torchvision's combinators share: a list of transforms, checked and written together. */
final class Combined {
  private Combined() {}

  static List<Stage> check(String who, List<Stage> stages) {
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException(who + " needs at least one transform");
    }
    return List.copyOf(stages);
  }

  /** The first inner stage's reason not to serve the images, or null. */
  static String unfit(List<Stage> stages, int width, int height, int channels) {
    for (Stage s : stages) {
      String why = channels > 0 ? s.unfit(width, height, channels) : s.unfit(width, height);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** {@code [ColorJitter(...), RandomGrayscale(p=0.1)]}. */
  static String list(List<Stage> stages) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < stages.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(stages.get(i).spec());
    }
    return sb.append(']').toString();
  }
}
