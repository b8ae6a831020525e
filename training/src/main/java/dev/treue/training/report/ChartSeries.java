package dev.treue.training.report;

/**
 * One line of a chart, in data coordinates within [0, 1] on both axes.
 *
 * @param name legend label
 * @param x x coordinates
 * @param y y coordinates, as many as x
 * @param colour CSS colour
 * @param width stroke width in pixels
 * @param dashed draw dashed (reference lines)
 * @param markers draw a dot at every point (binned data such as calibration)
 */
record ChartSeries(
    String name,
    double[] x,
    double[] y,
    String colour,
    double width,
    boolean dashed,
    boolean markers) {

  ChartSeries {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series " + name + " has " + x.length + " x and " + y.length + " y values");
    }
  }

  /** The y = x line from (0, 0) to (1, 1): chance for ROC and gains, perfection for calibration. */
  static ChartSeries diagonal(String name) {
    return new ChartSeries(
        name, new double[] {0, 1}, new double[] {0, 1}, "#9ca3af", 1.25, true, false);
  }
}
