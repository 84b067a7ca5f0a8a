package io.dialgate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A self-contained HTML page for the demo report and the benchmark table: inline CSS, inline SVG, system fonts, no
 * script, no link to anything outside the file, so it opens offline and renders the same in a headless browser. Test
 * code only (the demo and the benchmark); nothing of it ships.
 */
public final class HtmlPage {

    private static final String STYLE = """
            :root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee6; --gate: #1f6feb; --direct: #d1242f;
                    --dials: #8250df; --held: #bf8700; --applied: #1a7f37; }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 28px 36px 40px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
                   "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 6px; padding-top: 14px; border-top: 1px solid var(--line); }
            p { margin: 4px 0 10px; max-width: 1100px; }
            .muted { color: var(--muted); }
            .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 4px; }
            .figure { flex: 1 1 0; min-width: 130px; padding: 10px 12px; border: 1px solid var(--line);
                      border-radius: 8px; }
            .figure b { display: block; font-size: 22px; }
            .figure span { color: var(--muted); font-size: 13px; }
            table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
            th, td { border-bottom: 1px solid var(--line); padding: 6px 12px; text-align: left; vertical-align: top; }
            th { background: #f4f6f9; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            svg { display: block; margin: 6px 0 4px; }
            svg text { font: 12px system-ui, "DejaVu Sans", Arial, sans-serif; fill: var(--muted); }
            svg .title { font-size: 13px; font-weight: 600; fill: var(--ink); }
            .legend { font-size: 13px; color: var(--muted); }
            .sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin: 0 4px -1px 10px; }
            code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; background: #f4f6f9; padding: 1px 4px; }
            """;

    private final String title;
    private final List<String> body = new ArrayList<>();

    public HtmlPage(String title) {
        this.title = title;
        body.add("<h1>" + escape(title) + "</h1>");
    }

    public HtmlPage section(String id, String heading) {
        body.add("<h2 id=\"" + escape(id) + "\">" + escape(heading) + "</h2>");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    public HtmlPage note(String text) {
        body.add("<p class=\"muted\">" + escape(text) + "</p>");
        return this;
    }

    /** Headline numbers, each a value over its label. */
    public HtmlPage figures(List<Figure> figures) {
        StringBuilder out = new StringBuilder("<div class=\"figures\">");
        for (Figure f : figures) {
            out.append("<div class=\"figure\"><b>")
                    .append(escape(f.value()))
                    .append("</b><span>")
                    .append(escape(f.label()))
                    .append("</span></div>");
        }
        body.add(out.append("</div>").toString());
        return this;
    }

    public record Figure(String value, String label) {}

    /** A table; cells that read as numbers are right-aligned. */
    public HtmlPage table(String id, List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table id=\"" + escape(id) + "\"><thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            out.append(i == 0 ? "<th>" : "<th class=\"num\">")
                    .append(escape(headers.get(i)))
                    .append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(i > 0 && numeric(row.get(i)) ? "<td class=\"num\">" : "<td>")
                        .append(inline(row.get(i)))
                        .append("</td>");
            }
            out.append("</tr>");
        }
        body.add(out.append("</tbody></table>").toString());
        return this;
    }

    /** An SVG drawn by {@link SvgChart}: trusted markup, added as is. */
    public HtmlPage svg(String svg) {
        body.add(svg);
        return this;
    }

    /** A legend line: colour swatches (CSS colours or {@code var(--…)}) and their labels. */
    public HtmlPage legend(List<SvgChart.Series> series) {
        StringBuilder out = new StringBuilder("<div class=\"legend\">");
        for (SvgChart.Series s : series) {
            out.append("<span class=\"sw\" style=\"background:")
                    .append(escape(s.colour()))
                    .append("\"></span>")
                    .append(escape(s.label()));
        }
        body.add(out.append("</div>").toString());
        return this;
    }

    /**
     * The page from markdown as the benchmark writes it: paragraphs, {@code #} headings, pipe tables, {@code **bold**}
     * and {@code `code`}. Enough for its table, not a markdown implementation.
     */
    public static HtmlPage fromMarkdown(String title, String markdown) {
        HtmlPage page = new HtmlPage(title);
        List<String> lines = markdown.lines().toList();
        int i = 0;
        int tables = 0;
        StringBuilder paragraph = new StringBuilder();
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.startsWith("|")) {
                page.flush(paragraph);
                List<String> headers = cells(line);
                List<List<String>> rows = new ArrayList<>();
                i += 2; // the header line, then the |---| line
                while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
                    rows.add(cells(lines.get(i).strip()));
                    i++;
                }
                page.table("table-" + (++tables), headers, rows);
                continue;
            }
            if (line.startsWith("#")) {
                page.flush(paragraph);
                String heading = line.replaceFirst("^#+\\s*", "");
                page.section(heading.toLowerCase().replaceAll("[^a-z0-9]+", "-"), heading);
            } else if (line.isEmpty() || line.startsWith("```")) {
                page.flush(paragraph);
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line);
            }
            i++;
        }
        page.flush(paragraph);
        return page;
    }

    private void flush(StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            body.add("<p>" + inline(paragraph.toString()) + "</p>");
            paragraph.setLength(0);
        }
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`(.+?)`");

    /** Escapes the text, then turns {@code **bold**} and {@code `code`} into markup. */
    private static String inline(String text) {
        String escaped = escape(text);
        Matcher bold = BOLD.matcher(escaped);
        escaped = bold.replaceAll("<b>$1</b>");
        return CODE.matcher(escaped).replaceAll("<code>$1</code>");
    }

    private static boolean numeric(String cell) {
        return cell.matches("[–—-]?[0-9][0-9,.]*( ?(%|ms|s|µs|MB|KB|B|x))?([ /(].*)?");
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(escape(title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head>\n<body>\n");
        body.forEach(part -> out.append(part).append('\n'));
        return out.append("</body></html>\n").toString();
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
