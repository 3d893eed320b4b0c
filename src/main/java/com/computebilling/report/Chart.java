package com.computebilling.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Charts as inline SVG, drawn from exact figures. Geometry is a figure scaled to a length in the drawing's own units
 * ({@code value × length ÷ max}, in {@code BigDecimal} to one decimal place): no binary floating point, and the same
 * figures always draw the same bytes. Every mark carries a {@code <title>} with its exact figure, which browsers
 * show on hover without any script.
 */
final class Chart {

    private Chart() {
    }

    /** One row of a horizontal bar chart. */
    record Bar(String label, BigDecimal value, String figure, String color, String title) {
    }

    private static final int WIDTH = 1000;
    private static final int LABEL_END = 212;
    private static final int BAR_START = 222;
    private static final int BAR_LENGTH = 560;
    private static final int ROW = 26;
    private static final int BAR_HEIGHT = 16;

    /**
     * Horizontal bars, each {@code value ÷ max} of the full length, labelled on the left and with its figure on the
     * right. An optional outline ({@code max} itself, e.g. the input all buckets come from) is drawn behind each bar.
     */
    static String bars(String ariaLabel, List<Bar> bars, BigDecimal max, boolean outline) {
        int height = bars.size() * ROW + 8;
        StringBuilder svg = new StringBuilder(512 + bars.size() * 400);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.text(ariaLabel)).append("\">");
        int y = 4;
        for (Bar bar : bars) {
            BigDecimal length = bar.value().signum() > 0 ? scale(bar.value(), max, BAR_LENGTH).max(MIN_COLUMN)
                    : BigDecimal.ZERO;
            int barY = y + (ROW - BAR_HEIGHT) / 2;
            svg.append("<g><title>").append(Html.text(bar.title())).append("</title>");
            svg.append("<text x=\"").append(LABEL_END).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\" text-anchor=\"end\" class=\"label\">").append(Html.text(bar.label())).append("</text>");
            if (outline) {
                svg.append("<rect x=\"").append(BAR_START).append("\" y=\"").append(barY).append("\" width=\"")
                        .append(BAR_LENGTH).append("\" height=\"").append(BAR_HEIGHT).append("\" class=\"track\"/>");
            }
            svg.append("<rect x=\"").append(BAR_START).append("\" y=\"").append(barY).append("\" width=\"")
                    .append(plain(length)).append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"2\" fill=\"")
                    .append(bar.color()).append("\"/>");
            BigDecimal figureX = outline ? BigDecimal.valueOf(BAR_START + BAR_LENGTH + 10)
                    : BigDecimal.valueOf(BAR_START + 8).add(length);
            svg.append("<text x=\"").append(plain(figureX)).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\" class=\"figure\">").append(Html.text(bar.figure())).append("</text></g>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    private static final int COLUMNS_HEIGHT = 190;
    private static final int LEFT = 70;
    private static final int RIGHT = 10;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = COLUMNS_HEIGHT - TOP - BOTTOM;
    /** Room an axis label needs; with more slots than fit, only every n-th is labelled. */
    private static final int LABEL_ROOM = 28;
    /** A column that is not zero stays visible however small beside the largest (its title gives the figure). */
    private static final BigDecimal MIN_COLUMN = new BigDecimal("1.5");

    /** Vertical columns over a time axis, one per time slot, on a scale of round steps from 0. */
    static String columns(String ariaLabel, List<ChargeFigures.Slot> axis, List<BigDecimal> values, String unit,
                          String color) {
        BigDecimal max = values.stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        BigDecimal step = niceStep(max, 4);
        BigDecimal top = max.signum() == 0 ? step.multiply(BigDecimal.valueOf(4))
                : max.divide(step, 0, RoundingMode.CEILING).multiply(step);
        StringBuilder svg = new StringBuilder(2048 + axis.size() * 300);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(COLUMNS_HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.text(ariaLabel)).append("\">");
        for (BigDecimal tick = BigDecimal.ZERO; tick.compareTo(top) <= 0; tick = tick.add(step)) {
            BigDecimal y = BigDecimal.valueOf(TOP + PLOT_HEIGHT).subtract(scale(tick, top, PLOT_HEIGHT));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(plain(y)).append("\" y2=\"").append(plain(y)).append("\" class=\"")
                    .append(tick.signum() == 0 ? "axis" : "grid").append("\"/>");
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(plain(y.add(BigDecimal.valueOf(4))))
                    .append("\" text-anchor=\"end\" class=\"tick\">").append(compact(tick)).append("</text>");
        }
        int n = Math.max(1, axis.size());
        BigDecimal slot = BigDecimal.valueOf(PLOT_WIDTH).divide(BigDecimal.valueOf(n), 3, RoundingMode.HALF_UP);
        BigDecimal barWidth = slot.multiply(new BigDecimal("0.72")).setScale(1, RoundingMode.HALF_UP);
        BigDecimal inset = slot.subtract(barWidth).divide(BigDecimal.valueOf(2), 3, RoundingMode.HALF_UP);
        int labelEvery = Math.max(1, (LABEL_ROOM * n + PLOT_WIDTH - 1) / PLOT_WIDTH);
        for (int i = 0; i < axis.size(); i++) {
            ChargeFigures.Slot time = axis.get(i);
            BigDecimal value = values.get(i);
            BigDecimal x = BigDecimal.valueOf(LEFT).add(slot.multiply(BigDecimal.valueOf(i)));
            BigDecimal h = scale(value, top, PLOT_HEIGHT).max(MIN_COLUMN);
            if (value.signum() > 0) {
                svg.append("<rect x=\"").append(plain(x.add(inset))).append("\" y=\"")
                        .append(plain(BigDecimal.valueOf(TOP + PLOT_HEIGHT).subtract(h))).append("\" width=\"")
                        .append(plain(barWidth)).append("\" height=\"").append(plain(h)).append("\" fill=\"")
                        .append(color).append("\"><title>").append(Html.text(time.title() + ": " + unit + " "
                                + Html.amount(value))).append("</title></rect>");
            }
            if (i % labelEvery == 0) {
                svg.append("<text x=\"").append(plain(x.add(slot.divide(BigDecimal.valueOf(2), 3, RoundingMode.HALF_UP))))
                        .append("\" y=\"").append(TOP + PLOT_HEIGHT + 17).append("\" text-anchor=\"middle\" class=\"tick\">")
                        .append(Html.text(time.label())).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * {@code value × length ÷ max} to one decimal place; nothing when the max or the value is nothing or negative
     * (no figure on the page is negative; a negative length would be an invalid SVG attribute).
     */
    static BigDecimal scale(BigDecimal value, BigDecimal max, int length) {
        if (max.signum() <= 0 || value.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(BigDecimal.valueOf(length)).divide(max, 1, RoundingMode.HALF_UP);
    }

    /**
     * A round step (1, 2, 2.5 or 5 times a power of ten) that covers {@code max} in about {@code ticks} steps:
     * 9036.74 in 4 steps is 2500 (top 10000); 3,142,570 is 1,000,000 (top 4,000,000).
     */
    static BigDecimal niceStep(BigDecimal max, int ticks) {
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal raw = max.divide(BigDecimal.valueOf(ticks), MathContext.DECIMAL64);
        int exponent = raw.precision() - raw.scale() - 1;
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        BigDecimal mantissa = raw.divide(power, MathContext.DECIMAL64);
        for (String m : new String[]{"1", "2", "2.5", "5"}) {
            if (mantissa.compareTo(new BigDecimal(m)) <= 0) {
                return new BigDecimal(m).multiply(power);
            }
        }
        return BigDecimal.TEN.multiply(power);
    }

    /** An axis figure: {@code 0}, {@code 2.5k}, {@code 1M}, {@code 0.05}. */
    static String compact(BigDecimal v) {
        BigDecimal abs = v.abs();
        if (abs.compareTo(new BigDecimal("1000000000")) >= 0) {
            return plainTrimmed(v.movePointLeft(9)) + "G";
        }
        if (abs.compareTo(new BigDecimal("1000000")) >= 0) {
            return plainTrimmed(v.movePointLeft(6)) + "M";
        }
        if (abs.compareTo(new BigDecimal("1000")) >= 0) {
            return plainTrimmed(v.movePointLeft(3)) + "k";
        }
        return plainTrimmed(v);
    }

    private static String plainTrimmed(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    /** A coordinate: plain decimal, no trailing zeros. */
    private static String plain(BigDecimal v) {
        return plainTrimmed(v.setScale(1, RoundingMode.HALF_UP));
    }
}
