package dev.treue.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns what a notebook computed into what a Jupyter output cell shows: a chart as a PNG (the MIME
 * bundle GitHub renders too) and a table as HTML. A cell passes the result to the kernel's {@code
 * display(mime, content)}, e.g. {@code display("image/png", Show.png(chart))}.
 */
public final class Show {
  private Show() {}

  /** The chart as a base64 PNG at twice the screen resolution, for {@code image/png}. */
  public static String png(Chart<?, ?> chart) {
    try {
      byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("the chart could not be drawn", e);
    }
  }

  /**
   * A table as HTML, for {@code text/html}: a header row and the rows' cells as they print, escaped.
   */
  public static String table(List<String> header, List<? extends List<?>> rows) {
    StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
    for (String h : header) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (List<?> row : rows) {
      html.append("<tr>");
      for (Object cell : row) {
        html.append("<td>").append(escape(String.valueOf(cell))).append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody>\n</table>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
