package dev.treue.training.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small inline-SVG line chart on the unit square, with grid, ticks, axis labels and a legend
 * above the plot, in the order series were added. Written by hand so that the report needs no script, stylesheet or font from the
 * network.
 */
final class SvgChart {
  private static final int WIDTH = 540;
  private static final int LEFT = 62;
  private static final int RIGHT = 20;
  private static final int BOTTOM = 52;
  private static final int PLOT_HEIGHT = 360;
  private static final int LEGEND_COLUMNS = 2;
  private static final int LEGEND_ROW = 20;
  private static final int TICKS = 5;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<ChartSeries> series = new ArrayList<>();

  SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgChart add(ChartSeries line) {
    series.add(line);
    return this;
  }

  String render() {
    int legendRows = (series.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
    int top = 14 + legendRows * LEGEND_ROW + 8;
    int height = top + PLOT_HEIGHT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">%n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append("<title>").append(HtmlText.escape(title)).append("</title>\n");
    grid(svg, top);
    // Drawn last-added first, so the first series (the model) sits on top of its baselines.
    for (int i = series.size() - 1; i >= 0; i--) {
      line(svg, series.get(i), top);
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private void grid(StringBuilder svg, int top) {
    int plotWidth = WIDTH - LEFT - RIGHT;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfcfd\" stroke=\"none\"/>%n",
            LEFT,
            top,
            plotWidth,
            PLOT_HEIGHT));
    for (int t = 0; t <= TICKS; t++) {
      double v = (double) t / TICKS;
      double x = px(v);
      double y = py(v, top);
      String label = String.format(Locale.ROOT, "%.1f", v);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e7eb\"/>%n",
              x,
              top,
              x,
              top + PLOT_HEIGHT));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#6b7280\"/>%n",
              x,
              top + PLOT_HEIGHT,
              x,
              top + PLOT_HEIGHT + 5));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#6b7280\"/>%n",
              LEFT - 5,
              y,
              LEFT,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#4b5563\" text-anchor=\"middle\">%s</text>%n",
              x,
              top + PLOT_HEIGHT + 19,
              label));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"#4b5563\" text-anchor=\"end\">%s</text>%n",
              LEFT - 9,
              y + 4,
              label));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#6b7280\"/>%n",
            LEFT,
            top,
            plotWidth,
            PLOT_HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#111827\" text-anchor=\"middle\">%s</text>%n",
            LEFT + plotWidth / 2.0,
            top + PLOT_HEIGHT + 42,
            HtmlText.escape(xLabel)));
    double yMiddle = top + PLOT_HEIGHT / 2.0;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" font-size=\"13\" fill=\"#111827\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
            yMiddle,
            yMiddle,
            HtmlText.escape(yLabel)));
  }

  private void line(StringBuilder svg, ChartSeries line, int top) {
    if (line.x().length == 0) {
      return;
    }
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < line.x().length; i++) {
      points.append(
          String.format(Locale.ROOT, "%.1f,%.1f ", px(line.x()[i]), py(line.y()[i], top)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\" stroke-linejoin=\"round\"%s points=\"%s\"/>%n",
            line.colour(),
            line.width(),
            line.dashed() ? " stroke-dasharray=\"6 4\"" : "",
            points.toString().trim()));
    if (line.markers()) {
      for (int i = 0; i < line.x().length; i++) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>%n",
                px(line.x()[i]),
                py(line.y()[i], top),
                line.colour()));
      }
    }
  }

  private void legend(StringBuilder svg) {
    int columnWidth = (WIDTH - LEFT - RIGHT) / LEGEND_COLUMNS;
    for (int i = 0; i < series.size(); i++) {
      ChartSeries line = series.get(i);
      int x = LEFT + (i % LEGEND_COLUMNS) * columnWidth;
      int y = 14 + (i / LEGEND_COLUMNS) * LEGEND_ROW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
              x,
              y,
              x + 24,
              y,
              line.colour(),
              Math.max(line.width(), 2),
              line.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      if (line.markers()) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>%n",
                x + 12,
                y,
                line.colour()));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"12.5\" fill=\"#1f2937\">%s</text>%n",
              x + 31,
              y + 4,
              HtmlText.escape(line.name())));
    }
  }

  private static double px(double v) {
    return LEFT + clamp(v) * (WIDTH - LEFT - RIGHT);
  }

  private static double py(double v, int top) {
    return top + (1 - clamp(v)) * PLOT_HEIGHT;
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.min(Math.max(v, 0), 1);
  }
}
