package io.mailcensus.report.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailcensus.report.html.Xml;

/** The change feed's summary as text, Markdown, JSON or an HTML section. */
public final class ChangesFormatter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangesFormatter() {}

    public static String text(Changes changes) {
        StringBuilder out = new StringBuilder("What changed " + changes.scope() + "\n");
        if (changes.groups().isEmpty()) {
            return out.append("  nothing\n").toString();
        }
        changes.groups().forEach(g -> out.append("  ").append(g.sentence()).append('\n'));
        return out.toString();
    }

    public static String markdown(Changes changes) {
        StringBuilder out = new StringBuilder("## What changed " + changes.scope() + "\n\n");
        if (changes.groups().isEmpty()) {
            return out.append("Nothing.\n").toString();
        }
        out.append("| Domains | What | Before | After | Examples |\n|---:|---|---|---|---|\n");
        changes.groups().forEach(g -> out.append(String.format("| %,d | %s | %s | %s | %s |%n", g.domains(),
                ChangeGroup.label(g.what()), cell(g.before()), cell(g.after()), cell(String.join(", ", g.examples())))));
        return out.toString();
    }

    public static String json(Changes changes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scan", changes.scan());
        root.put("since", changes.since());
        ArrayNode groups = root.putArray("changes");
        changes.groups().forEach(g -> {
            ObjectNode n = groups.addObject();
            n.put("what", g.what());
            n.put("before", g.before());
            n.put("after", g.after());
            n.put("domains", g.domains());
            g.examples().forEach(n.withArray("examples")::add);
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML report's "What changed" section. */
    public static String html(Changes changes) {
        StringBuilder out = new StringBuilder("<section id=\"changes\">\n<h2>What changed</h2>\n<p class=\"note\">")
                .append(Xml.escape("Per domain, between its previous result and its result " + changes.scope()
                        + " (report sql: domain_changes.sql)."))
                .append("</p>\n");
        if (changes.groups().isEmpty()) {
            return out.append("<p>Nothing changed.</p>\n</section>\n").toString();
        }
        out.append("<table><thead><tr><th>Domains</th><th>What</th><th>Before</th><th>After</th><th>Examples</th>"
                + "</tr></thead><tbody>\n");
        changes.groups().forEach(g -> out.append("<tr><td class=\"num\">").append(String.format("%,d", g.domains()))
                .append("</td><td>").append(Xml.escape(ChangeGroup.label(g.what()))).append("</td><td>")
                .append(Xml.escape(g.before())).append("</td><td>").append(Xml.escape(g.after())).append("</td><td>")
                .append(Xml.escape(String.join(", ", g.examples()))).append("</td></tr>\n"));
        return out.append("</tbody></table>\n</section>\n").toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
