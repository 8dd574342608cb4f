import dev.preaug.core.demo.DemoColour;
import java.nio.file.Path;

/**
 * The RGB input of the Python tests' colour epochs, from the same generator the Java tests use
 * ({@link DemoColour}), so both suites run the job on the same kind of data. Run by
 * make_epochs.py in Java's source-file mode with the job's jar on the class path:
 *
 * <pre>java -cp preaug-spark-job.jar DemoColourInput.java IMAGES LABELS N CLASSES W H SEED</pre>
 */
public class DemoColourInput {
  public static void main(String[] a) throws Exception {
    DemoColour.write(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]),
        Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]),
        Long.parseLong(a[6]));
  }
}
