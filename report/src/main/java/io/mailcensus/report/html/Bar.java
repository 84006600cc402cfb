package io.mailcensus.report.html;

/**
 * One bar of a {@link BarChart}.
 *
 * @param label the text left of the bar (shortened if long; the full text is in the tooltip)
 * @param pct the bar's length in percent
 * @param value the figure printed after the bar, e.g. "70.76% · 1,780,602"
 * @param tooltip the full sentence a screen reader or a hovering reader gets
 * @param previousPct the same figure in the previous scan, drawn as a tick; null when there is none
 */
public record Bar(String label, double pct, String value, String tooltip, Double previousPct) {}
