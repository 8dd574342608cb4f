package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.core.recipe.OpTemplate;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pad_crop's spec with a word parameter, its numpy index maps, and the size rule of recipes. */
class PadCropTest {

  @Test
  void theModeIsAWordInTheSpecAndParsesBack() {
    PadCrop op = new PadCrop(4, 4, 4, 4, "reflect", 2, 6, 32, 32, 0);
    assertEquals("pad_crop(4,4,4,4,reflect,2,6,32,32,0)", op.spec());
    assertEquals(op, OpSpecs.parse(op.spec()));
    assertEquals(op, OpSpecs.parse("pad_crop( 4, 4,4,4 , reflect ,2,6,32,32,0)"));
  }

  @Test
  void aWrongWordOrAWordForANumberIsRefusedWithTheRule() {
    assertEquals("bad mode 'mirror' in 'pad_crop(4,4,4,4,mirror,0,0,32,32,0)': pad_crop mode is"
        + " one of constant, edge, reflect, symmetric",
        assertThrows(IllegalArgumentException.class,
            () -> OpSpecs.parse("pad_crop(4,4,4,4,mirror,0,0,32,32,0)")).getMessage());
    assertEquals("bad number 'reflect' in 'rotate(reflect)': expected a decimal such as -7.5 or"
        + " 1e-3", assertThrows(IllegalArgumentException.class,
            () -> OpSpecs.parse("rotate(reflect)")).getMessage());
    assertEquals("pad_crop pl must be an integer >= 0, got -1 (in"
        + " 'pad_crop(-1,4,4,4,edge,0,0,32,32,0)')",
        assertThrows(IllegalArgumentException.class,
            () -> OpSpecs.parse("pad_crop(-1,4,4,4,edge,0,0,32,32,0)")).getMessage());
  }

  /** numpy 1.24's np.pad index maps for a length-3 axis, written out by hand. */
  @Test
  void indexMapsFollowNumpy() {
    PadCrop reflect = new PadCrop(0, 0, 0, 0, "reflect", 0, 0, 1, 1, 0);
    // np.pad([0,1,2], (2,2), 'reflect') = [2 1 0 1 2 1 0]
    assertArrayEquals(new int[] {2, 1, 0, 1, 2, 1, 0}, reflect.sourceIndex(3, 2, 2));
    // np.pad([0,1,2], (2,2), 'symmetric') = [1 0 0 1 2 2 1]
    PadCrop symmetric = new PadCrop(0, 0, 0, 0, "symmetric", 0, 0, 1, 1, 0);
    assertArrayEquals(new int[] {1, 0, 0, 1, 2, 2, 1}, symmetric.sourceIndex(3, 2, 2));
    // np.pad([0,1,2], (1,2), 'edge') = [0 0 1 2 2 2]
    PadCrop edge = new PadCrop(0, 0, 0, 0, "edge", 0, 0, 1, 1, 0);
    assertArrayEquals(new int[] {0, 0, 1, 2, 2, 2}, edge.sourceIndex(3, 1, 2));
    // np.pad([0,1,2], (5,0), 'reflect') = [1 0 1 2 1 0 1 2] (reflected in chunks of 2)
    assertArrayEquals(new int[] {1, 0, 1, 2, 1, 0, 1, 2}, reflect.sourceIndex(3, 5, 0));
    PadCrop constant = new PadCrop(0, 0, 0, 0, "constant", 0, 0, 1, 1, 0);
    assertArrayEquals(new int[] {-1, 0, 1, 2, -1}, constant.sourceIndex(3, 1, 1));
  }

  @Test
  void aRecipeOpThatChangesTheImageSizeFailsTheRecordWithBothSizes() {
    Recipe r = Recipe.fromConfig(Map.of("recipe.steps", "crop", "recipe.crop.probability", "1",
        "recipe.crop.choices", "c", "recipe.crop.c",
        "pad_crop(pl=4,pt=4,pr=4,pb=4,mode=edge,top=0,left=0,h=16,w=16,fill=0)"));
    RecordPlan plan = new RecordPlan(r, 1, 0, 4, 1, 1, 32, 32);
    GrayImage img = GrayImage.wrap(32, 32, new byte[32 * 32]);
    assertEquals("ops pad_crop(4,4,4,4,edge,0,0,16,16,0) turn a 32x32 image into 16x16: a"
        + " recipe's ops must keep the image size",
        assertThrows(IllegalArgumentException.class, () -> plan.make(0, 0, Image.of(img), 1)).getMessage());
    assertEquals("pad_crop(pl=4,pt=4,pr=4,pb=4,mode=edge,top=0,left=0,h=16,w=16,fill=0)",
        OpTemplate.parse("pad_crop(pl=4,pt=4,pr=4,pb=4,mode=edge,top=0,left=0,h=16,w=16,fill=0)")
            .spec());
    assertEquals(32, PreaugConfig.resolve().recipe().sample(Rng.forRecord(1, 0, 0, 1), 32, 32)
        .apply(img).width());
  }
}
