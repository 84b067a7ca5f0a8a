package io.dialgate.demo;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for {@link HtmlPage}: plain shapes and text, no script, sized in pixels. */
public final class SvgChart {

    /** A named series of values and its colour (a CSS colour or {@code var(--…)}). */
    public record Series(String label, String colour, List<Integer> values) {}

    /** A labelled bar. */
    public record Bar(String label, long value) {}

    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 26;

    private SvgChart() {}

    /**
     * One series over the seconds of the run, as a filled line (levels: dials, held writes) or as bars (counts per
     * second: writes applied), with its own y scale and a title; {@code xLabel} under the last chart of a stack.
     */
    public static String perSecond(String id, String title, Series series, boolean bars, int width, boolean xAxis) {
        int height = xAxis ? 150 : 130;
        int plotW = width - LEFT - RIGHT;
        int plotH = height - TOP - (xAxis ? BOTTOM + 8 : 10);
        List<Integer> values = series.values();
        int n = Math.max(1, values.size());
        int max = Math.max(1, values.stream().mapToInt(Integer::intValue).max().orElse(0));
        int top = niceCeiling(max);
        StringBuilder svg = open(id, width, height, title + ": " + series.label());
        svg.append(text(LEFT, 16, "start", "title", title));
        axes(svg, plotW, plotH, top);
        double step = (double) plotW / n;
        if (bars) {
            for (int i = 0; i < values.size(); i++) {
                double h = (double) values.get(i) / top * plotH;
                if (values.get(i) > 0) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                            LEFT + i * step + step * 0.1,
                            TOP + plotH - h,
                            Math.max(1, step * 0.8),
                            h,
                            series.colour()));
                }
            }
        } else {
            StringBuilder points = new StringBuilder();
            points.append(String.format(Locale.ROOT, "%d,%d ", LEFT, TOP + plotH));
            for (int i = 0; i < values.size(); i++) {
                double x = LEFT + (i + 0.5) * step;
                double y = TOP + plotH - (double) values.get(i) / top * plotH;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            points.append(String.format(Locale.ROOT, "%d,%d", LEFT + plotW, TOP + plotH));
            svg.append("<polygon points=\"")
                    .append(points)
                    .append("\" fill=\"")
                    .append(series.colour())
                    .append("\" fill-opacity=\"0.18\" stroke=\"")
                    .append(series.colour())
                    .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
        }
        if (xAxis) {
            int every = tickEvery(n);
            for (int s = 0; s <= n; s += every) {
                double x = LEFT + s * step;
                svg.append(line(x, TOP + plotH, x, TOP + plotH + 4));
                svg.append(text(x, TOP + plotH + 17, "middle", null, s + " s"));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** Vertical bars with a label under each and the value over it. */
    public static String bars(String id, String title, List<Bar> bars, String colour, int width) {
        int height = 230;
        int plotW = width - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM - 22;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(0));
        int top = niceCeiling((int) Math.min(Integer.MAX_VALUE, max));
        StringBuilder svg = open(id, width, height, title);
        svg.append(text(LEFT, 16, "start", "title", title));
        axes(svg, plotW, plotH, top);
        double step = (double) plotW / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = (double) bar.value() / top * plotH;
            double x = LEFT + i * step + step * 0.15;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" data-value=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    bar.value(),
                    x,
                    TOP + plotH - h,
                    step * 0.7,
                    h,
                    colour));
            svg.append(text(x + step * 0.35, TOP + plotH - h - 4, "middle", null, String.format("%,d", bar.value())));
            svg.append(text(x + step * 0.35, TOP + plotH + 16, "middle", null, bar.label()));
        }
        return svg.append("</svg>").toString();
    }

    /** Two horizontal bars per row (dialgate, direct) on one scale per row, with their values. */
    public static String pairs(String id, List<String> rows, List<double[]> values, List<String> formatted, int width) {
        int rowH = 54;
        int labelW = 220;
        int height = rows.size() * rowH + 10;
        int plotW = width - labelW - 110;
        StringBuilder svg = open(id, width, height, "dialgate and direct writes side by side");
        for (int r = 0; r < rows.size(); r++) {
            int y = 8 + r * rowH;
            double max = Math.max(1e-9, Math.max(values.get(r)[0], values.get(r)[1]));
            svg.append(text(0, y + 25, "start", "title", rows.get(r)));
            String[] colours = {"var(--gate)", "var(--direct)"};
            for (int k = 0; k < 2; k++) {
                double w = values.get(r)[k] / max * plotW;
                int by = y + 4 + k * 22;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" rx=\"2\" fill=\"%s\"/>",
                        labelW,
                        by,
                        Math.max(w, 1.5),
                        colours[k]));
                svg.append(text(labelW + Math.max(w, 1.5) + 6, by + 14, "start", null, formatted.get(2 * r + k)));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, int width, int height, String label) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"" + " role=\"img\" aria-label=\"%s\">",
                HtmlPage.escape(id),
                width,
                height,
                width,
                height,
                HtmlPage.escape(label)));
    }

    private static void axes(StringBuilder svg, int plotW, int plotH, int top) {
        for (int k = 0; k <= 2; k++) {
            double y = TOP + plotH - plotH * k / 2.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e9ee\"/>",
                    LEFT,
                    y,
                    LEFT + plotW,
                    y));
            svg.append(text(LEFT - 6, y + 4, "end", null, String.format("%,d", top * k / 2)));
        }
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa3b0\"/>",
                x1,
                y1,
                x2,
                y2);
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>",
                x,
                y,
                anchor,
                cssClass == null ? "" : " class=\"" + cssClass + "\"",
                HtmlPage.escape(content));
    }

    /**
     * The smallest of 2, 4, 6, 8, 10 × 10^k not below {@code max}: the axis (0, half, top) then reads in whole round
     * numbers.
     */
    static int niceCeiling(int max) {
        long magnitude = 1;
        while (true) {
            for (int m : new int[] {2, 4, 6, 8, 10}) {
                if (m * magnitude >= max) {
                    return (int) (m * magnitude);
                }
            }
            magnitude *= 10;
        }
    }

    private static int tickEvery(int seconds) {
        for (int every : new int[] {1, 2, 5, 10, 15, 30, 60, 120, 300}) {
            if (seconds / every <= 12) {
                return every;
            }
        }
        return 600;
    }
}
