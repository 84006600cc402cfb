package io.mailcensus.kafka.topic;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The five topic names, behind one prefix so that several installations (or test runs) can
 * share a cluster. The prefix is used as given: {@code "mailcensus."} gives
 * {@code mailcensus.scan-tasks}.
 */
public record Topics(String prefix) {

    public static final String SCAN_TASKS = "scan-tasks";
    public static final String MX_PROBE_TASKS = "mx-probe-tasks";
    public static final String WEB_PROBE_TASKS = "web-probe-tasks";
    public static final String DOMAIN_RESULTS = "domain-results";
    public static final String MAIL_SERVER_RESULTS = "mail-server-results";

    /** Kafka's own rule for topic names (legal characters; the longest name is 249). */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public static final Topics DEFAULT = new Topics("mailcensus.");

    public Topics {
        if (prefix == null || !LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException(
                    "topic prefix must be at most 200 of [a-zA-Z0-9._-], not '" + prefix + "'");
        }
    }

    public String scanTasks() {
        return prefix + SCAN_TASKS;
    }

    public String mxProbeTasks() {
        return prefix + MX_PROBE_TASKS;
    }

    /** Web probe tasks, keyed by the domain's web address: one worker owns each web server's HTTPS gate. */
    public String webProbeTasks() {
        return prefix + WEB_PROBE_TASKS;
    }

    public String domainResults() {
        return prefix + DOMAIN_RESULTS;
    }

    public String mailServerResults() {
        return prefix + MAIL_SERVER_RESULTS;
    }

    public List<String> all() {
        return List.of(scanTasks(), mxProbeTasks(), webProbeTasks(), domainResults(), mailServerResults());
    }

    public List<String> results() {
        return List.of(domainResults(), mailServerResults());
    }
}
