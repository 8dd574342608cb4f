package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.image.Image;
import dev.preaug.core.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's geometric ops with the parameters the golden set does not reach, against
 * torchvision 0.14 itself run live (PIL backend, Debian's Pillow): 720 random cases of
 * {@code F.affine} (every interpolation; angles over two turns, scales 0.25 to 3, shears to 60
 * degrees, centres inside and outside the image or none, fractional translations), {@code
 * F.rotate} (every interpolation, the quarter turns included), {@code F.rgb_to_grayscale} and
 * constant {@code F.pad} + {@code F.crop}, with fills per band (fractional ones truncated) on
 * L and RGB images from 1x1 to 53x37, noise and gradients. Each op, and the op its spec parses
 * to, must give torchvision's bytes exactly.
 */
@Timeout(600)
class GeometryLiveTest {
  private static final String[] INTERPOLATIONS = {"nearest", "bilinear", "bicubic"};

  @TempDir
  Path dir;

  private static Image image(SplittableRandom rnd, int w, int h, int c) {
    byte[] px = new byte[w * h * c];
    boolean smooth = rnd.nextBoolean();
    for (int i = 0; i < px.length; i++) {
      int x = i / c % w;
      int y = i / c / w;
      px[i] = (byte) (smooth ? (x * 7 + y * 13 + (i % c) * 50) & 0xFF : rnd.nextInt(256));
    }
    return Image.wrap(w, h, c, px);
  }

  /** torchvision's fill argument: a number, or a list per band, sometimes fractional. */
  private static Object[] fill(SplittableRandom rnd, int c) {
    int kind = rnd.nextInt(4);
    if (kind == 0) {
      int v = rnd.nextInt(256);
      return new Object[] {v, Fill.of(v)};
    }
    double[] v = new double[c];
    int[] t = new int[c];
    for (int k = 0; k < c; k++) {
      v[k] = kind == 3 ? rnd.nextDouble(0, 255.99) : rnd.nextInt(256);
      t[k] = (int) v[k];
    }
    return new Object[] {v, Fill.perBand(t)};
  }

  private record Case(String image, Image in, String op, ObjectNode params, Op built) {}

  @Test
  void randomGeometryIsTorchvisionsToTheByte() throws Exception {
    ObjectMapper json = new ObjectMapper();
    SplittableRandom rnd = new SplittableRandom(20261205);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int w = i < 3 ? 1 + i : 1 + rnd.nextInt(53);
      int h = i < 3 ? 1 : 1 + rnd.nextInt(37);
      int c = i % 2 == 0 ? 3 : 1;
      Image in = image(rnd, w, h, c);
      String name = "img" + i;
      Files.write(dir.resolve(name + ".raw"), in.array());
      for (int k = 0; k < 12; k++) {
        ObjectNode p = json.createObjectNode();
        Object[] f = fill(rnd, c);
        Fill fill = (Fill) f[1];
        if (f[0] instanceof Integer) {
          p.put("fill", (Integer) f[0]);
        } else {
          ArrayNode a = p.putArray("fill");
          for (double v : (double[]) f[0]) {
            a.add(v);
          }
        }
        String interp = INTERPOLATIONS[rnd.nextInt(3)];
        p.put("interpolation", interp);
        double angle = rnd.nextInt(8) == 0 ? 90 * rnd.nextInt(-4, 5) : rnd.nextDouble(-720, 720);
        p.put("angle", angle);
        int kind = k < 6 ? 0 : k < 10 ? 1 : k == 10 ? 2 : 3;
        Op op;
        String opName;
        if (kind == 0) {
          opName = "affine";
          double tx = rnd.nextBoolean() ? rnd.nextInt(-10, 11) : rnd.nextDouble(-10, 10);
          double ty = rnd.nextInt(-10, 11);
          double scale = rnd.nextDouble(0.25, 3);
          double shx = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-60, 60);
          double shy = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-60, 60);
          p.putArray("translate").add(tx).add(ty);
          p.put("scale", scale);
          p.putArray("shear").add(shx).add(shy);
          if (rnd.nextBoolean()) {
            double cx = rnd.nextBoolean() ? rnd.nextInt(-10, w + 10) : rnd.nextDouble(-10, w + 10);
            double cy = rnd.nextInt(-10, h + 10);
            p.putArray("center").add(cx).add(cy);
            op = new Affine(angle, tx, ty, scale, shx, shy, interp, fill, cx, cy);
          } else {
            op = new Affine(angle, tx, ty, scale, shx, shy, interp, fill);
          }
        } else if (kind == 1) {
          opName = "rotate";
          op = new Rotate(angle, interp, fill);
        } else if (kind == 2) {
          opName = "grayscale";
          op = Grayscale.INSTANCE;
        } else {
          opName = "pad_crop";
          int[] pad = {rnd.nextInt(6), rnd.nextInt(6), rnd.nextInt(6), rnd.nextInt(6)};
          int top = rnd.nextInt(-2, h + 2);
          int left = rnd.nextInt(-2, w + 2);
          int ch = 1 + rnd.nextInt(h + 8);
          int cw = 1 + rnd.nextInt(w + 8);
          ArrayNode a = p.putArray("pad");
          for (int v : pad) {
            a.add(v);
          }
          p.put("top", top).put("left", left).put("h", ch).put("w", cw);
          op = new PadCrop(pad[0], pad[1], pad[2], pad[3], "constant", top, left, ch, cw, fill);
        }
        cases.add(new Case(name, in, opName, p, op));
      }
    }
    StringBuilder lines = new StringBuilder();
    for (Case k : cases) {
      ObjectNode line = json.createObjectNode();
      line.put("image", k.image).put("mode", k.in.mode()).put("w", k.in.width())
          .put("h", k.in.height()).put("op", k.op).set("params", k.params);
      lines.append(json.writeValueAsString(line)).append('\n');
    }
    Files.writeString(dir.resolve("cases.jsonl"), lines, StandardCharsets.UTF_8);
    Python.run("tv-geometry/apply_geometry.py", 300, dir.toString());
    byte[] all = Files.readAllBytes(dir.resolve("out.bin"));
    int at = 0;
    int[] perOp = new int[4];
    for (Case k : cases) {
      Image out = k.built.apply(k.in);
      byte[] want = java.util.Arrays.copyOfRange(all, at, at + out.array().length);
      at += want.length;
      String what = k.op + " " + k.params + " on " + k.in.mode() + " " + k.in.width() + "x"
          + k.in.height() + ": " + k.built.spec();
      assertEquals(0, differing(want, out.array()), what);
      Op parsed = OpSpecs.parse(k.built.spec());
      assertEquals(k.built, parsed, what);
      assertEquals(0, differing(want, parsed.apply(k.in).array()), "parsed " + what);
      perOp[List.of("affine", "rotate", "grayscale", "pad_crop").indexOf(k.op)]++;
    }
    assertEquals(all.length, at, "torchvision wrote more than the cases' outputs");
    assertEquals(List.of(360, 240, 60, 60), List.of(perOp[0], perOp[1], perOp[2], perOp[3]));
  }

  /** How many bytes differ; arrays of different lengths differ everywhere. */
  private static int differing(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return Math.max(a.length, b.length);
    }
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return n;
  }
}
