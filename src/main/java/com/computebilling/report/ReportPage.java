package com.computebilling.report;

import com.computebilling.time.ProcessedPeriod;
import com.computebilling.rating.NodeSeconds.Bucket;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The page itself: plain HTML with one inline style sheet and inline SVG charts, so it opens from a mail attachment
 * or an archived output directory with no network and no script. Every text that came from a file goes through
 * {@link Html#text}. Sections follow SPEC §7's list: the run, totals, largest invoices, node-second conservation,
 * findings, charges over time; a short list of cross-checks says whether the four files agree with each other.
 */
final class ReportPage {

    private static final String[] CURRENCY_COLORS = {"#2b6cb0", "#2f855a", "#b7791f", "#6b46c1", "#c05621", "#2c7a7b"};
    private static final String ERROR_COLOR = "#c53030";
    private static final String WARNING_COLOR = "#d69e2e";

    private final RunFacts facts;
    private final Summary summary;
    private final InvoiceFigures invoices;
    private final FindingFigures findings;
    private final ChargeFigures charges;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    ReportPage(RunFacts facts, Summary summary, InvoiceFigures invoices, FindingFigures findings,
               ChargeFigures charges) {
        this.facts = facts;
        this.summary = summary;
        this.invoices = invoices;
        this.findings = findings;
        this.charges = charges;
    }

    String html() {
        out.setLength(0);
        head();
        out.append("<body><main>");
        header();
        run();
        totals();
        checks();
        largestInvoices();
        nodeSeconds();
        findingsSection();
        chargesOverTime();
        out.append("<footer>Every figure on this page is read from <code>summary.json</code>, <code>invoices.csv</code>, ")
                .append("<code>exceptions.csv</code> and <code>charges.csv</code> in this directory; ")
                .append("only the run, execution, input files, digest, start and duration come from the job itself.")
                .append("</footer>");
        out.append("</main></body></html>\n");
        return out.toString();
    }

    private String periodText() {
        if (summary.period() != null) {
            return summary.period();
        }
        return summary.months().isEmpty() ? ProcessedPeriod.MONTHS_OF_USAGE + " (none)" : ProcessedPeriod.MONTHS_OF_USAGE + " " + String.join(", ",
                summary.months());
    }

    private void head() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Billing run ").append(Html.text(periodText())).append(" (")
                .append(Html.text(summary.zone())).append(")</title><style>").append(STYLE).append("</style></head>");
    }

    private void header() {
        String status = Objects.toString(summary.status(), "");
        out.append("<header><div><p class=\"eyebrow\">Billing run report</p><h1>")
                .append(Html.text(periodText())).append(" <span class=\"zone\">").append(Html.text(summary.zone()))
                .append("</span></h1><p class=\"meta\">Run ").append(facts.runId()).append(" · execution ")
                .append(facts.executionId()).append(" · started ")
                .append(Html.text(summary.billingZone().format(facts.started()))).append(" · took ")
                .append(Html.text(Html.duration(facts.duration()))).append("</p></div><span class=\"status ")
                .append("COMPLETED".equals(status) ? "ok" : "bad").append("\">").append(Html.text(status))
                .append("</span></header>");
        out.append("<nav><a href=\"#run\">Run</a><a href=\"#totals\">Totals</a><a href=\"#invoices\">Largest invoices</a>")
                .append("<a href=\"#node-seconds\">Node-seconds</a><a href=\"#findings\">Findings</a>")
                .append("<a href=\"#charges\">Charges over time</a></nav>");
    }

    private void run() {
        out.append("<section id=\"run\"><h2>Run</h2><div class=\"cols\"><dl>");
        term("Period", Html.text(periodText()));
        term("Billing zone", Html.text(summary.zone()));
        term("Status", Html.text(summary.status()));
        term("Run / execution", facts.runId() + " / " + facts.executionId());
        term("Started", Html.text(summary.billingZone().format(facts.started())));
        term("Duration", Html.text(Html.duration(facts.duration())) + " <span class=\"muted\">(this execution, until the "
                + "outputs were written)</span>");
        term("Input directory", "<code>" + Html.text(facts.inputDir()) + "</code>");
        term("Input files", facts.inputFiles().isEmpty() ? "<span class=\"muted\">not listed (directory gone)</span>"
                : "<code>" + String.join("</code> <code>", facts.inputFiles().stream().map(Html::text).toList())
                + "</code>");
        term("Input digest", "<code class=\"digest\">" + Html.text(facts.inputDigest()) + "</code>");
        out.append("</dl><div><table class=\"rows\"><thead><tr><th>Input rows</th><th>read</th><th>rejected</th>")
                .append("<th>accepted</th></tr></thead><tbody>");
        long read = 0, rejected = 0;
        for (Map.Entry<String, Summary.Rows> e : summary.rows().entrySet()) {
            Summary.Rows r = e.getValue();
            read += r.read();
            rejected += r.rejected();
            out.append("<tr><td>").append(Html.text(e.getKey())).append("</td><td class=\"num\">")
                    .append(Html.count(r.read())).append("</td><td class=\"num").append(r.rejected() > 0 ? " warn" : "")
                    .append("\">").append(Html.count(r.rejected())).append("</td><td class=\"num\">")
                    .append(Html.count(r.read() - r.rejected())).append("</td></tr>");
        }
        out.append("</tbody><tfoot><tr><td>all</td><td class=\"num\">").append(Html.count(read))
                .append("</td><td class=\"num\">").append(Html.count(rejected)).append("</td><td class=\"num\">")
                .append(Html.count(read - rejected)).append("</td></tr></tfoot></table>");
        if (!summary.ordersIgnored().isEmpty()) {
            List<String> ignored = new ArrayList<>();
            summary.ordersIgnored().forEach((s, n) -> ignored.add(Html.text(s) + " " + Html.count(n)));
            out.append("<p class=\"note\">Orders ignored (not PAID): ").append(String.join(", ", ignored)).append("</p>");
        }
        out.append("<p class=\"note\">Rejected rows are the <code>MALFORMED_ROW</code> findings below.</p>")
                .append("</div></div></section>");
    }

    private void term(String name, String html) {
        out.append("<dt>").append(Html.text(name)).append("</dt><dd>").append(html).append("</dd>");
    }

    private void totals() {
        out.append("<section id=\"totals\"><h2>Totals per currency</h2>");
        if (summary.totals().isEmpty()) {
            out.append("<p class=\"empty\">No invoices: nothing was charged in this period.</p></section>");
            return;
        }
        out.append("<div class=\"cards\">");
        summary.totals().forEach((code, total) -> {
            InvoiceFigures.CurrencyInvoices inv = invoices.currency().get(code);
            out.append("<div class=\"card\"><div class=\"cur\">").append(Html.text(code))
                    .append("</div><div class=\"total\">").append(Html.amount(total)).append("</div>");
            if (inv != null) {
                out.append("<table class=\"mini\"><tr><td>subscription</td><td class=\"num\">")
                        .append(Html.amount(inv.subscription())).append("</td></tr><tr><td>usage</td><td class=\"num\">")
                        .append(Html.amount(inv.usage())).append("</td></tr><tr><td>invoices</td><td class=\"num\">")
                        .append(Html.count(inv.count())).append(" <span class=\"muted\">")
                        .append(Html.text(String.join("/", inv.statuses()))).append("</span></td></tr>")
                        .append("<tr><td>charge lines</td><td class=\"num\">").append(Html.count(inv.lines()))
                        .append("</td></tr></table>");
            }
            out.append("</div>");
        });
        out.append("</div><p class=\"note\">Each total is the sum of <code>total_amount</code> over the currency's ")
                .append("invoices (the figure of <code>summary.json</code>); invoices round their sums once, to the ")
                .append("currency's minor units.</p></section>");
    }

    /** Whether the four files agree: what a careful reader would otherwise check by hand. */
    private void checks() {
        List<String[]> checks = new ArrayList<>();
        long bucketSum = Arrays.stream(Bucket.values()).mapToLong(b -> summary.nodeSeconds(b.key())).sum();
        long input = summary.nodeSeconds("input");
        checks.add(check(bucketSum == input, "node-seconds: the six buckets add up to the input",
                Html.count(bucketSum) + " = " + Html.count(input), Html.count(bucketSum) + " ≠ " + Html.count(input)));
        Map<String, BigDecimal> invoiceTotals = new TreeMap<>();
        invoices.currency().forEach((c, inv) -> invoiceTotals.put(c, inv.total()));
        boolean totalsAgree = invoiceTotals.keySet().equals(new TreeMap<>(summary.totals()).keySet())
                && invoiceTotals.entrySet().stream().allMatch(e -> e.getValue().compareTo(summary.totals()
                .get(e.getKey())) == 0);
        checks.add(check(totalsAgree, "totals: summary.json equals the sum of invoices.csv per currency",
                "agree", "summary " + summary.totals() + ", invoices " + invoiceTotals));
        Map<String, Long> findingCounts = new TreeMap<>();
        findings.codes().forEach(c -> findingCounts.put(c.code(), c.count()));
        boolean findingsAgree = findingCounts.equals(new TreeMap<>(summary.exceptions()));
        checks.add(check(findingsAgree, "findings: summary.json counts exceptions.csv rows per code",
                Html.count(findings.rows()) + " rows", "summary " + summary.exceptions() + ", file " + findingCounts));
        checks.add(check(charges.lines() == summary.chargeLines(), "charge lines: summary.json counts charges.csv",
                Html.count(charges.lines()) + " lines", "summary " + summary.chargeLines() + ", file " + charges.lines()));
        out.append("<section id=\"checks\" class=\"checks\"><h2>Cross-checks</h2><ul>");
        for (String[] c : checks) {
            out.append("<li class=\"").append(c[0]).append("\"><span class=\"mark\">")
                    .append("ok".equals(c[0]) ? "✓" : "✗").append("</span>").append(Html.text(c[1]))
                    .append(" <span class=\"muted\">").append(Html.text(c[2])).append("</span></li>");
        }
        out.append("</ul></section>");
    }

    private static String[] check(boolean holds, String what, String ok, String bad) {
        return new String[]{holds ? "ok" : "bad", what, holds ? ok : bad};
    }

    private void largestInvoices() {
        out.append("<section id=\"invoices\"><h2>Largest invoices</h2><p class=\"note\">The ")
                .append(RunReport.TOP_INVOICES).append(" largest of each currency by <code>total_amount</code> ")
                .append("(amounts of different currencies are not compared); ties by invoice id.</p>");
        if (invoices.currency().isEmpty()) {
            out.append("<p class=\"empty\">No invoices.</p></section>");
            return;
        }
        // One table, a group of rows per currency, so that the columns line up from currency to currency.
        out.append("<table class=\"list invoices\"><colgroup><col class=\"c-rank\"><col class=\"c-inv\"><col>")
                .append("<col class=\"c-month\"><col class=\"c-amt\"><col class=\"c-amt\"><col class=\"c-amt\">")
                .append("<col class=\"c-lines\"><col class=\"c-status\"></colgroup><thead><tr><th class=\"num\">#</th>")
                .append("<th>invoice</th><th>account</th><th>month</th><th class=\"num\">subscription</th>")
                .append("<th class=\"num\">usage</th><th class=\"num\">total</th><th class=\"num\">lines</th>")
                .append("<th>status</th></tr></thead>");
        invoices.currency().forEach((code, inv) -> {
            out.append("<tbody><tr class=\"group\"><th colspan=\"9\">").append(Html.text(code))
                    .append(" <span class=\"muted\">").append(inv.largest().size() < inv.count() ? "top "
                            + inv.largest().size() + " of " + inv.count() : Html.count(inv.count())
                            + (inv.count() == 1 ? " invoice" : " invoices")).append("</span></th></tr>");
            int rank = 0;
            for (InvoiceFigures.Invoice i : inv.largest()) {
                out.append("<tr><td class=\"num muted\">").append(++rank).append("</td><td><code>")
                        .append(Html.text(i.invoiceId())).append("</code></td><td>").append(Html.text(i.accountId()))
                        .append("</td><td>").append(Html.text(i.billingMonth())).append("</td><td class=\"num\">")
                        .append(Html.amount(i.subscription())).append("</td><td class=\"num\">")
                        .append(Html.amount(i.usage())).append("</td><td class=\"num strong\">")
                        .append(Html.amount(i.total())).append("</td><td class=\"num\">").append(Html.count(i.lines()))
                        .append("</td><td>").append(Html.text(i.status())).append("</td></tr>");
            }
            out.append("</tbody>");
        });
        out.append("</table>");
        out.append("</section>");
    }

    private void nodeSeconds() {
        long input = summary.nodeSeconds("input");
        BigDecimal max = BigDecimal.valueOf(input);
        List<Chart.Bar> bars = new ArrayList<>();
        bars.add(new Chart.Bar("input", max, Html.count(input), "#2d3748",
                "input: " + input + " node-seconds of accepted usage rows"));
        for (Bucket bucket : Bucket.values()) {
            long n = summary.nodeSeconds(bucket.key());
            bars.add(new Chart.Bar(bucket.key(), BigDecimal.valueOf(n),
                    Html.count(n) + "  (" + Html.percent(n, input) + ")", color(bucket),
                    bucket.key() + ": " + n + " node-seconds, " + meaning(bucket)));
        }
        out.append("<section id=\"node-seconds\"><h2>Node-second conservation</h2><p class=\"note\">Every node-second ")
                .append("of accepted usage (<code>quantity × seconds</code>) lands in exactly one of six buckets; ")
                .append("each bar is its share of the input.</p>")
                .append(Chart.bars("Node-seconds per bucket", bars, max, true))
                .append("<table class=\"list legend\"><thead><tr><th>bucket</th><th class=\"num\">node-seconds</th>")
                .append("<th class=\"num\">share</th><th>meaning</th></tr></thead><tbody>");
        for (Bucket bucket : Bucket.values()) {
            long n = summary.nodeSeconds(bucket.key());
            out.append("<tr><td><span class=\"swatch\" style=\"background:").append(color(bucket))
                    .append("\"></span>").append(bucket.key()).append("</td><td class=\"num\">").append(Html.count(n))
                    .append("</td><td class=\"num\">").append(Html.percent(n, input)).append("</td><td>")
                    .append(Html.text(meaning(bucket))).append("</td></tr>");
        }
        out.append("</tbody><tfoot><tr><td>input</td><td class=\"num\">").append(Html.count(input))
                .append("</td><td class=\"num\">").append(Html.percent(input, input)).append("</td><td>sum of the six ")
                .append("buckets</td></tr></tfoot></table></section>");
    }

    private static String color(Bucket bucket) {
        return switch (bucket) {
            case BILLED -> "#2f855a";
            case COVERED -> "#3182ce";
            case WITHOUT_ORDER -> "#c53030";
            case QUANTITY_EXCESS -> "#dd6b20";
            case NO_PRICE -> "#805ad5";
            case OUT_OF_PERIOD -> "#718096";
        };
    }

    private static String meaning(Bucket bucket) {
        return switch (bucket) {
            case BILLED -> "rated and charged as usage";
            case COVERED -> "inside a subscription term, charged by the subscription";
            case WITHOUT_ORDER -> "no state in force: not billed (USAGE_WITHOUT_ORDER)";
            case QUANTITY_EXCESS -> "nodes above the subscribed count: not billed (QUANTITY_EXCEEDS_ORDER)";
            case NO_PRICE -> "pay-as-you-go without a price: not billed (NO_PRICE)";
            case OUT_OF_PERIOD -> "outside the processed period: another run bills it (OUT_OF_PERIOD)";
        };
    }

    private void findingsSection() {
        out.append("<section id=\"findings\"><h2>Findings <span class=\"muted\">").append(Html.count(findings.rows()))
                .append(" rows in <code>exceptions.csv</code></span></h2>");
        if (findings.codes().isEmpty()) {
            out.append("<p class=\"empty\">No findings: every row was read and usage and orders agree.</p></section>");
            return;
        }
        long max = findings.codes().get(0).count();
        List<Chart.Bar> bars = new ArrayList<>();
        for (FindingFigures.Code c : findings.codes()) {
            bars.add(new Chart.Bar(c.code(), BigDecimal.valueOf(c.count()), Html.count(c.count()),
                    c.severity().contains("ERROR") ? ERROR_COLOR : WARNING_COLOR,
                    c.code() + " (" + c.severity() + "): " + c.count() + " rows"));
        }
        out.append("<p class=\"note\"><span class=\"swatch\" style=\"background:").append(ERROR_COLOR)
                .append("\"></span>ERROR <span class=\"swatch\" style=\"background:").append(WARNING_COLOR)
                .append("\"></span>WARNING — rows per code, most frequent first; below, the first ")
                .append(RunReport.FIRST_FINDINGS).append(" rows of each code in file order.</p>")
                .append(Chart.bars("Findings per code", bars, BigDecimal.valueOf(max), false));
        // One table, a group of rows per code, so that the columns line up from code to code.
        out.append("<table class=\"list findings\"><colgroup><col class=\"c-src\"><col class=\"c-line\">")
                .append("<col class=\"c-id\"><col class=\"c-id\"><col class=\"c-id\"><col class=\"c-id\"><col>")
                .append("</colgroup><thead><tr><th>source</th><th class=\"num\">line</th><th>account</th>")
                .append("<th>resource</th><th>order</th><th>record</th><th>detail</th></tr></thead>");
        for (FindingFigures.Code c : findings.codes()) {
            out.append("<tbody id=\"finding-").append(Html.text(c.code())).append("\"><tr class=\"group\">")
                    .append("<th colspan=\"7\"><span class=\"sev ")
                    .append(c.severity().contains("ERROR") ? "error" : "warning").append("\">")
                    .append(Html.text(c.severity())).append("</span> ").append(Html.text(c.code()))
                    .append(" <span class=\"muted\">").append(c.first().size() < c.count() ? "first "
                            + c.first().size() + " of " + c.count() : Html.count(c.count()) + (c.count() == 1 ? " row"
                            : " rows")).append("</span></th></tr>");
            for (FindingFigures.Row r : c.first()) {
                out.append("<tr><td>").append(Html.text(r.source())).append("</td><td class=\"num\">")
                        .append(Html.text(r.line())).append("</td><td>").append(Html.text(r.accountId()))
                        .append("</td><td>").append(Html.text(r.resourceId())).append("</td><td>")
                        .append(Html.text(r.orderId())).append("</td><td>").append(Html.text(r.recordId()))
                        .append("</td><td class=\"detail\">").append(Html.text(r.detail())).append("</td></tr>");
            }
            out.append("</tbody>");
        }
        out.append("</table>");
        out.append("</section>");
    }

    private void chargesOverTime() {
        boolean hours = charges.grain() == ChargeFigures.Grain.HOUR;
        out.append("<section id=\"charges\"><h2>Charges per ").append(hours ? "hour" : "day")
                .append("</h2><p class=\"note\">The sum of <code>amount</code> over <code>charges.csv</code> by the local ")
                .append(hours ? "hour" : "day").append(" a line is charged in: a usage line's hour, a subscription's ")
                .append("<code>charge_start</code> (the instant it is charged, which decides its invoice month). ")
                .append("Hover a column for its exact sum.</p>");
        if (charges.currency().isEmpty()) {
            out.append("<p class=\"empty\">No charge lines.</p>");
        }
        int i = 0;
        for (Map.Entry<String, ChargeFigures.CurrencyCharges> e : charges.currency().entrySet()) {
            String code = e.getKey();
            ChargeFigures.CurrencyCharges c = e.getValue();
            String color = CURRENCY_COLORS[i++ % CURRENCY_COLORS.length];
            out.append("<h3>").append(Html.text(code)).append(" <span class=\"muted\">").append(Html.count(c.lines()))
                    .append(c.lines() == 1 ? " line" : " lines").append(", sum of amounts ").append(Html.amount(c.sum()))
                    .append("</span></h3>")
                    .append(Chart.columns("Charges per " + (hours ? "hour" : "day") + " in " + code, charges.axis(),
                            c.perSlot(), code, color));
        }
        out.append("</section>");
    }

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;background:#f4f5f7;color:#1a202c;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            main{max-width:1120px;margin:0 auto;padding:24px 28px 40px}
            header{display:flex;justify-content:space-between;align-items:flex-start;background:#1a202c;color:#fff;padding:20px 24px;border-radius:8px}
            .eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:#a0aec0}
            h1{margin:2px 0 4px;font-size:26px;font-weight:600}
            h1 .zone{font-weight:400;color:#cbd5e0;font-size:18px;margin-left:6px}
            .meta{margin:0;color:#cbd5e0;font-size:13px}
            .status{padding:4px 12px;border-radius:999px;font-weight:600;font-size:12px;letter-spacing:.05em}
            .status.ok{background:#c6f6d5;color:#22543d}.status.bad{background:#fed7d7;color:#742a2a}
            nav{display:flex;flex-wrap:wrap;gap:4px 18px;padding:10px 4px 0;font-size:13px}
            nav a{color:#2b6cb0;text-decoration:none}
            section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:18px 22px;margin-top:16px}
            h2{margin:0 0 10px;font-size:17px;font-weight:600}
            h3{margin:18px 0 6px;font-size:14px;font-weight:600}
            .muted{color:#718096;font-weight:400}
            .note{color:#4a5568;font-size:12.5px;margin:4px 0 10px}
            .empty{color:#718096;font-style:italic}
            code{font:12px/1.3 SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#edf2f7;padding:1px 4px;border-radius:3px}
            .digest{word-break:break-all;font-size:11.5px}
            .cols{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(0,1fr);gap:28px}
            dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:5px 16px;margin:0}
            dt{color:#718096}dd{margin:0;overflow-wrap:anywhere}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th{text-align:left;font-weight:600;color:#4a5568;font-size:12px;border-bottom:2px solid #e2e8f0;padding:5px 8px}
            td{padding:4px 8px;border-bottom:1px solid #edf2f7;vertical-align:top;overflow-wrap:anywhere}
            tfoot td{font-weight:600;border-top:2px solid #e2e8f0;border-bottom:0}
            .num{text-align:right;white-space:nowrap}
            .strong{font-weight:600}.warn{color:#c05621;font-weight:600}
            .rows{margin-bottom:8px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:14px}
            .card{border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;background:#fafbfc}
            .cur{font-size:12px;font-weight:600;color:#4a5568;letter-spacing:.06em}
            .total{font-size:26px;font-weight:600;font-variant-numeric:tabular-nums;margin:2px 0 6px}
            .mini td{border:0;padding:1px 0;font-size:12.5px;color:#4a5568}
            .checks ul{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:1fr 1fr;gap:4px 24px}
            .checks li{font-size:13px}.mark{display:inline-block;width:18px;font-weight:700}
            .checks .ok .mark{color:#2f855a}.checks .bad{color:#c53030}
            .list td{font-size:12.5px}
            .findings{table-layout:fixed}.findings .detail{color:#4a5568}
            .c-src{width:13%}.c-line{width:6%}.c-id{width:11%}
            .invoices,.findings{table-layout:fixed}
            .c-rank{width:5%}.c-inv{width:24%}.c-month{width:9%}.c-amt{width:12%}.c-lines{width:7%}.c-status{width:8%}
            tr.group th{padding:14px 8px 5px;border-bottom:1px solid #e2e8f0;color:#1a202c;font-size:13px}
            .sev{font-size:10.5px;font-weight:700;padding:1px 6px;border-radius:3px;vertical-align:1px}
            .sev.error{background:#fed7d7;color:#9b2c2c}.sev.warning{background:#fefcbf;color:#744210}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 5px 0 2px}
            .legend{margin-top:6px}
            svg.chart{display:block;width:100%;height:auto;margin:4px 0}
            svg .label{font-size:12px;fill:#2d3748}
            svg .figure{font-size:12px;fill:#2d3748;font-variant-numeric:tabular-nums}
            svg .tick{font-size:11px;fill:#718096}
            svg .track{fill:#edf2f7}
            svg .grid{stroke:#e2e8f0;stroke-width:1}
            svg .axis{stroke:#a0aec0;stroke-width:1}
            footer{color:#718096;font-size:12px;margin-top:18px;text-align:center}
            @media (max-width:760px){.cols{grid-template-columns:1fr}.checks ul{grid-template-columns:1fr}}
            """;
}
