package io.mailcensus.report.html;

import static io.mailcensus.report.html.BarChart.num;

import java.util.ArrayList;
import java.util.List;

/**
 * A trend chart as inline SVG: one line per series across the scans (oldest left), a percentage
 * axis from 0, and a legend with each series' latest value. Points carry tooltips with the exact
 * figure, so the chart can be read precisely without the table.
 */
public final class LineChart {

    private static final int WIDTH = BarChart.WIDTH;
    private static final int HEIGHT = 340;
    private static final int LEFT = 52;
    private static final int RIGHT = 230;
    private static final int TOP = 16;
    private static final int BOTTOM = 46;
    private static final int MIN_LABEL_SPACING = 110;
    private static final int MAX_MARKED_POINTS = 60;

    private LineChart() {}

    /** @param scans the x axis labels, oldest first; each series has one value per scan */
    public static String svg(String id, String title, List<String> scans, List<Series> series) {
        double largest = series.stream().flatMap(s -> s.values().stream())
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        Scale scale = Scale.percent(largest);
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;

        var out = new StringBuilder();
        out.append("<svg class=\"chart line-chart\" id=\"").append(id).append("\" role=\"img\" aria-labelledby=\"")
                .append(id).append("-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        out.append("<title id=\"").append(id).append("-title\">").append(Xml.escape(title)).append("</title>\n");

        for (double tick : scale.ticks()) {
            double y = plotBottom - scale.fraction(tick) * (plotBottom - TOP);
            out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(plotRight)
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Scale.label(tick)).append("</text>\n");
        }
        // label every k-th scan so that the labels never overlap, however many scans there are
        int every = Math.max(1, (int) Math.ceil(MIN_LABEL_SPACING / Math.max(1.0, step(scans.size(), plotRight))));
        for (int i = 0; i < scans.size(); i++) {
            if (i % every == 0) {
                out.append("<text class=\"tick\" x=\"").append(num(x(i, scans.size(), plotRight))).append("\" y=\"")
                        .append(plotBottom + 18).append("\" text-anchor=\"middle\">")
                        .append(Xml.escape(Xml.truncate(scans.get(i), 18))).append("</text>\n");
            }
        }
        out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(plotRight).append("\" y1=\"")
                .append(plotBottom).append("\" y2=\"").append(plotBottom).append("\"/>\n");

        for (int s = 0; s < series.size(); s++) {
            line(out, series.get(s), scans, Palette.colour(s), scale, plotRight, plotBottom);
        }
        legend(out, series, plotRight);
        return out.append("</svg>\n").toString();
    }

    private static void line(StringBuilder out, Series series, List<String> scans, String colour, Scale scale,
            int plotRight, int plotBottom) {
        out.append("<g class=\"series\"><title>").append(Xml.escape(series.name())).append("</title>");
        // a null value breaks the line into segments rather than drawing through the gap
        var segment = new ArrayList<String>();
        for (int i = 0; i <= scans.size(); i++) {
            Double value = i < scans.size() ? series.values().get(i) : null;
            if (value == null) {
                if (segment.size() > 1) {
                    out.append("<polyline class=\"trend\" fill=\"none\" stroke=\"").append(colour)
                            .append("\" points=\"").append(String.join(" ", segment)).append("\"/>");
                }
                segment.clear();
            } else {
                segment.add(num(x(i, scans.size(), plotRight)) + "," + num(y(value, scale, plotBottom)));
            }
        }
        if (scans.size() <= MAX_MARKED_POINTS) {
            for (int i = 0; i < scans.size(); i++) {
                Double value = series.values().get(i);
                if (value != null) {
                    out.append("<circle class=\"point\" r=\"3.5\" fill=\"").append(colour).append("\" cx=\"")
                            .append(num(x(i, scans.size(), plotRight))).append("\" cy=\"")
                            .append(num(y(value, scale, plotBottom))).append("\"><title>")
                            .append(Xml.escape(series.name() + ", " + scans.get(i) + ": " + pct(value)))
                            .append("</title></circle>");
                }
            }
        }
        out.append("</g>\n");
    }

    private static void legend(StringBuilder out, List<Series> series, int plotRight) {
        int x = plotRight + 18;
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            int y = TOP + 8 + s * 22;
            Double last = null;
            for (Double value : one.values()) {
                last = value == null ? last : value;
            }
            out.append("<g class=\"legend\"><rect x=\"").append(x).append("\" y=\"").append(y - 9)
                    .append("\" width=\"14\" height=\"4\" fill=\"").append(Palette.colour(s)).append("\"/>")
                    .append("<text class=\"label\" x=\"").append(x + 20).append("\" y=\"").append(y - 3).append("\">")
                    .append(Xml.escape(Xml.truncate(one.name(), 20))).append("</text>")
                    .append("<text class=\"value\" x=\"").append(WIDTH - 4).append("\" y=\"").append(y - 3)
                    .append("\" text-anchor=\"end\">").append(last == null ? "-" : pct(last)).append("</text></g>\n");
        }
    }

    private static double step(int points, int plotRight) {
        return points < 2 ? plotRight - LEFT : (plotRight - LEFT - 20.0) / (points - 1);
    }

    private static double x(int index, int points, int plotRight) {
        return points < 2 ? (LEFT + plotRight) / 2.0 : LEFT + 10 + index * step(points, plotRight);
    }

    private static double y(double value, Scale scale, int plotBottom) {
        return plotBottom - scale.fraction(value) * (plotBottom - TOP);
    }

    private static String pct(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", value);
    }
}
