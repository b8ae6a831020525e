package dev.treue.training.report;

/** The report's stylesheet, inlined so the page renders offline exactly as written. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS =
      """
      :root { color-scheme: light; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #f3f4f6; color: #111827;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1160px; margin: 0 auto; padding: 28px 24px 48px; }
      h1 { font-size: 26px; margin: 0 0 4px; }
      h2 { font-size: 17px; margin: 0 0 12px; }
      .subtitle { color: #4b5563; margin: 0 0 22px; }
      .card { background: #fff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 18px 20px;
        margin-bottom: 18px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
      .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 0; }
      .facts div { background: #f9fafb; border-radius: 8px; padding: 10px 12px; }
      .facts dt { color: #6b7280; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
      .facts dd { margin: 2px 0 0; font-size: 16px; font-weight: 600; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
      th, td { padding: 7px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      th { color: #374151; font-weight: 600; background: #f9fafb; }
      tr.model td { font-weight: 600; }
      td.best { background: #dcfce7; color: #166534; font-weight: 700; }
      .note { color: #6b7280; font-size: 12.5px; margin: 8px 0 0; }
      .badge { display: inline-block; font-size: 11px; font-weight: 600; color: #1e40af; background: #dbeafe;
        border-radius: 999px; padding: 1px 8px; margin-left: 6px; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 7px; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 18px; }
      .charts { margin-bottom: 18px; }
      .charts .card { margin: 0; }
      .calibration { display: grid; grid-template-columns: 500px minmax(0, 1fr); gap: 16px; align-items: start; }
      .calibration .pair { gap: 12px; }
      .calibration table { font-size: 12.5px; }
      .calibration th, .calibration td { padding: 5px 5px; }
      svg.chart { display: block; max-width: 100%; height: auto; margin: 0 auto; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
      .pair h3 { font-size: 14px; margin: 0 0 6px; }
      .bar { height: 10px; background: #93c5fd; border-radius: 3px; }
      td.barcell { width: 45%; }
      ul.reasons { margin: 0; padding-left: 18px; text-align: left; }
      footer { color: #6b7280; font-size: 12px; text-align: center; margin-top: 24px; }
      """;
}
