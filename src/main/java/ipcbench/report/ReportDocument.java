package ipcbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The content of a report, built once and written twice: as Markdown (images linked, relative to the .md file) and
 * as one self-contained HTML file (styles inline, no script, nothing fetched): a table of contents of its sections,
 * an anchor on every heading, tables with a header row and a caption (the heading above them), and each chart as its
 * PNG embedded as base64, so the one file can be mailed or published alone, with a link to its SVG beside it for
 * print (the link works where the plots directory stays next to the file).
 */
final class ReportDocument {
    /** One table cell; a highlighted cell differs from the reference (the first run) and is shown in bold. */
    record Cell(String text, boolean highlighted) {
        static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    private sealed interface Block permits Heading, Paragraph, Bullets, Table, Image {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    /** {@code rightAligned[i]}: column i holds numbers. */
    private record Table(List<String> header, boolean[] rightAligned, List<List<Cell>> rows) implements Block {
    }

    private record Image(Path png, Path svg, String caption) implements Block {
    }

    private static final String STYLE = "body{font-family:'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;"
            + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#f3f3f3}td.num{text-align:right;"
            + "font-variant-numeric:tabular-nums}td.differs{background:#fff3b0;font-weight:bold}"
            + "img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0 2em}figcaption{color:#555}"
            + "caption{position:absolute;left:-10000px}nav p{font-size:.9em}";

    private final List<Block> blocks = new ArrayList<>();

    ReportDocument heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    ReportDocument paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    ReportDocument bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    ReportDocument table(List<String> header, boolean[] rightAligned, List<List<Cell>> rows) {
        blocks.add(new Table(List.copyOf(header), rightAligned.clone(), List.copyOf(rows)));
        return this;
    }

    /** A plain table of strings; columns flagged in {@code rightAligned} hold numbers. */
    ReportDocument plainTable(List<String> header, boolean[] rightAligned, List<List<String>> rows) {
        List<List<Cell>> cells = new ArrayList<>();
        for (List<String> row : rows) {
            cells.add(row.stream().map(Cell::of).toList());
        }
        return table(header, rightAligned, cells);
    }

    ReportDocument image(Path png, Path svg, String caption) {
        blocks.add(new Image(png, svg, caption));
        return this;
    }

    /** Markdown for a file in {@code mdDir}: images are linked by their path relative to it. */
    String markdown(Path mdDir) {
        StringBuilder md = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Bullets b) {
                b.items().forEach(item -> md.append("- ").append(item).append('\n'));
                md.append('\n');
            } else if (block instanceof Table t) {
                markdownTable(md, t);
            } else if (block instanceof Image i) {
                md.append("![").append(i.caption()).append("](").append(link(mdDir, i.png())).append(")\n\n*")
                        .append(i.caption()).append("* ([SVG](").append(link(mdDir, i.svg())).append("))\n\n");
            }
        }
        return md.toString();
    }

    /** One HTML file holding everything, images included, for a file in {@code htmlDir} (SVG links are relative). */
    String html(String title, Path htmlDir) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escapeXml(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        List<String> anchors = anchors();
        String caption = title;
        boolean contents = false;
        for (int index = 0; index < blocks.size(); index++) {
            Block block = blocks.get(index);
            if (block instanceof Heading h) {
                html.append("<h").append(h.level()).append(" id=\"").append(anchors.get(index)).append("\">")
                        .append(escapeXml(h.text())).append("</h").append(h.level()).append(">\n");
                caption = h.text();
                if (h.level() == 1 && !contents) {
                    contents(html, anchors);
                    contents = true;
                }
            } else if (block instanceof Paragraph p) {
                html.append("<p>").append(escapeXml(p.text())).append("</p>\n");
            } else if (block instanceof Bullets b) {
                html.append("<ul>\n");
                b.items().forEach(item -> html.append("<li>").append(escapeXml(item)).append("</li>\n"));
                html.append("</ul>\n");
            } else if (block instanceof Table t) {
                htmlTable(html, t, caption);
            } else if (block instanceof Image i) {
                html.append("<figure><img alt=\"").append(escapeXml(i.caption()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(i.png())))
                        .append("\"><figcaption>").append(escapeXml(i.caption())).append(" (<a href=\"")
                        .append(escapeXml(link(htmlDir, i.svg()))).append("\">SVG</a>)</figcaption></figure>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** Each block's anchor: a heading's text as a lowercase slug, numbered when it repeats; null for other blocks. */
    private List<String> anchors() {
        List<String> anchors = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                String slug = h.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-|-$)", "");
                String anchor = slug.isEmpty() ? "section" : slug;
                for (int n = 2; !taken.add(anchor); n++) {
                    anchor = slug + "-" + n;
                }
                anchors.add(anchor);
            } else {
                anchors.add(null);
            }
        }
        return anchors;
    }

    /**
     * The table of contents: every second-level heading, on one line, so that the report's first screen still
     * holds its opening lines.
     */
    private void contents(StringBuilder html, List<String> anchors) {
        html.append("<nav aria-label=\"Contents\"><p>Contents:");
        String separator = " ";
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b) instanceof Heading h && h.level() == 2) {
                html.append(separator).append("<a href=\"#").append(anchors.get(b)).append("\">")
                        .append(escapeXml(h.text())).append("</a>");
                separator = " · ";
            }
        }
        html.append("</p></nav>\n");
    }

    static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void markdownTable(StringBuilder md, Table t) {
        md.append('|');
        t.header().forEach(h -> md.append(' ').append(markdownCell(h)).append(" |"));
        md.append("\n|");
        for (int i = 0; i < t.header().size(); i++) {
            md.append(t.rightAligned()[i] ? " ---: |" : " --- |");
        }
        md.append('\n');
        for (List<Cell> row : t.rows()) {
            md.append('|');
            for (Cell cell : row) {
                String text = markdownCell(cell.text());
                md.append(' ').append(cell.highlighted() && !text.isEmpty() ? "**" + text + "**" : text).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String markdownCell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ');
    }

    private static void htmlTable(StringBuilder html, Table t, String caption) {
        html.append("<table>\n<caption>").append(escapeXml(caption)).append("</caption>\n<thead><tr>");
        t.header().forEach(h -> html.append("<th scope=\"col\">").append(escapeXml(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : t.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell cell = row.get(i);
                String classes = ((t.rightAligned()[i] ? "num " : "") + (cell.highlighted() ? "differs" : "")).strip();
                html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes + "\">")
                        .append(escapeXml(cell.text())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String link(Path from, Path to) {
        Path absoluteFrom = from.toAbsolutePath().normalize();
        Path absoluteTo = to.toAbsolutePath().normalize();
        return absoluteFrom.relativize(absoluteTo).toString().replace('\\', '/');
    }
}
