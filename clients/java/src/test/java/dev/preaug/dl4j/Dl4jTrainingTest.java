package dev.preaug.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small real DL4J CNN trains from published epochs through the iterator. */
class Dl4jTrainingTest {
  @Test
  void aConvNetTrainsFromPublishedEpochsWithFallingLoss(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("out");
    JobEpochs.copyTree(JobEpochs.get().uint8(), root);
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42)
        .weightInit(WeightInit.XAVIER)
        .updater(new Adam(2e-3))
        .list()
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).stride(1, 1)
            .activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(JobEpochs.CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(64, 64, 1))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    List<Double> s = new ArrayList<>();
    net.setListeners(new BaseTrainingListener() {
      @Override
      public void iterationDone(Model model, int iteration, int epoch) {
        s.add(model.score());
      }
    });

    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .batchSize(24).noWait().consumer("dl4j-test").build()) {
      // fit(iterator, 3) resets the iterator between epochs: epochs 0, 1 and 2 in turn.
      net.fit(it, JobEpochs.EPOCHS);
      assertEquals(JobEpochs.EPOCHS - 1, it.epoch());
      it.markConsumed();
    }
    assertEquals(List.of(0L, 1L, 2L), EpochRoot.of(root.toString()).consumed());

    assertEquals(JobEpochs.EPOCHS * JobEpochs.RECORDS / 24, s.size());
    double first = mean(s.subList(0, 5));
    double last = mean(s.subList(s.size() - 5, s.size()));
    System.out.printf("DL4J from preaug epochs: %d iterations, mean loss first 5 %.3f, last 5 %.3f%n",
        s.size(), first, last);
    assertTrue(s.get(0) > 2.0, "starts near ln(10): " + s);
    assertTrue(last < 0.8 * first, "loss falls: first " + first + ", last " + last + " " + s);
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
