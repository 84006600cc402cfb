package io.mailcensus.report.html;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as inline SVG: one labelled row per bar, a percentage axis with light
 * grid lines, the figure after each bar, and optionally the previous scan's value as a tick.
 * Drawn on the server so the page needs no script; sized by viewBox so it scales with the page.
 */
public final class BarChart {

    static final int WIDTH = 940;
    private static final int LABEL_WIDTH = 270;
    private static final int VALUE_WIDTH = 160;
    private static final int ROW = 26;
    private static final int BAR = 16;
    private static final int TOP = 22;
    private static final int BOTTOM = 8;
    private static final int LABEL_CHARS = 40;

    private BarChart() {}

    /**
     * @param id a page-unique id (the title element is referenced from aria-labelledby)
     * @param colour the bars' fill
     */
    public static String svg(String id, String title, List<Bar> bars, Scale scale, String colour) {
        int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int height = TOP + ROW * Math.max(1, bars.size()) + BOTTOM;
        var out = new StringBuilder();
        out.append("<svg class=\"chart bar-chart\" id=\"").append(id).append("\" role=\"img\" aria-labelledby=\"")
                .append(id).append("-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        out.append("<title id=\"").append(id).append("-title\">").append(Xml.escape(title)).append("</title>\n");

        for (double tick : scale.ticks()) {
            double x = LABEL_WIDTH + scale.fraction(tick) * plotWidth;
            out.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(TOP - 4).append("\" y2=\"").append(height - BOTTOM).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(TOP - 8)
                    .append("\" text-anchor=\"middle\">").append(Scale.label(tick)).append("</text>\n");
        }
        if (bars.isEmpty()) {
            out.append("<text class=\"empty\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(TOP + ROW / 2 + 4)
                    .append("\">(none)</text>\n");
        }
        for (int i = 0; i < bars.size(); i++) {
            row(out, bars.get(i), TOP + i * ROW, plotWidth, scale, colour);
        }
        return out.append("</svg>\n").toString();
    }

    private static void row(StringBuilder out, Bar bar, int y, int plotWidth, Scale scale, String colour) {
        double length = scale.fraction(bar.pct()) * plotWidth;
        int barY = y + (ROW - BAR) / 2;
        int textY = y + ROW / 2 + 4;
        out.append("<g class=\"bar\"><title>").append(Xml.escape(bar.tooltip())).append("</title>");
        out.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(textY)
                .append("\" text-anchor=\"end\">").append(Xml.escape(Xml.truncate(bar.label(), LABEL_CHARS)))
                .append("</text>");
        out.append("<rect class=\"track\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(barY)
                .append("\" width=\"").append(plotWidth).append("\" height=\"").append(BAR).append("\"/>");
        // a share of 0 still gets a hairline, so the row reads as "measured, none" rather than missing
        out.append("<rect class=\"fill\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(barY)
                .append("\" width=\"").append(num(Math.max(length, 1.5))).append("\" height=\"").append(BAR)
                .append("\" fill=\"").append(colour).append("\"/>");
        if (bar.previousPct() != null) {
            double x = LABEL_WIDTH + scale.fraction(bar.previousPct()) * plotWidth;
            out.append("<line class=\"previous\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(barY - 3).append("\" y2=\"").append(barY + BAR + 3).append("\"/>");
        }
        out.append("<text class=\"value\" x=\"").append(LABEL_WIDTH + plotWidth + 8).append("\" y=\"").append(textY)
                .append("\">").append(Xml.escape(bar.value())).append("</text>");
        out.append("</g>\n");
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
