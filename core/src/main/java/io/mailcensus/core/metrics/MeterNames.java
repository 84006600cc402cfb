package io.mailcensus.core.metrics;

import java.util.Map;

/**
 * Every meter mailcensus registers, by its Micrometer name. Prometheus sees dots as underscores,
 * counters with a {@code _total} suffix and timers in seconds
 * ({@code mailcensus.smtp.gate.wait} becomes {@code mailcensus_smtp_gate_wait_seconds_*}).
 * A name keeps one set of tag keys everywhere: Prometheus refuses a second set.
 */
public final class MeterNames {

    /** Counter: domains whose scan finished, tag {@code status} (ok, nxdomain, error). */
    public static final String DOMAINS_PROBED = "mailcensus.domains.probed";

    /** Counter: DNS queries answered or given up, tag {@code outcome} (an rcode, timeout, ...). */
    public static final String DNS_QUERIES = "mailcensus.dns.queries";

    /** Counter: SMTP probes run, one per (host, IP) pair per round, tag {@code connect} (the outcome). */
    public static final String SMTP_PROBES = "mailcensus.smtp.probes";

    /** Counter: MX probe tasks answered by a probe of the same pair already run or queued in the round. */
    public static final String SMTP_PROBES_SHARED = "mailcensus.smtp.probes.shared";

    /**
     * Counter: SMTP probes answered without a connection of their own, from another host name's
     * connection to the same address in the round (an address that answers every name alike).
     */
    public static final String SMTP_PROBES_REUSED = "mailcensus.smtp.probes.reused";

    /**
     * Counter: second connections to a mail server whose first answer may have been passing (no
     * greeting in time, closed before greeting, 4xx), by whether the second one got an answer.
     */
    public static final String SMTP_SECOND_TRIES = "mailcensus.smtp.probes.second_tries";

    /** Gauge: SMTP probes running now (bounded by the stage's maxActive). */
    public static final String SMTP_PROBES_ACTIVE = "mailcensus.smtp.probes.active";

    /** Gauge: SMTP probes waiting for their IP's turn; grows when a few IPs own many pairs. */
    public static final String SMTP_PROBES_QUEUED = "mailcensus.smtp.probes.queued";

    /** Timer: time a connection waited at its IP's politeness gate before it was allowed out. */
    public static final String SMTP_GATE_WAIT = "mailcensus.smtp.gate.wait";

    /** Gauge: domains whose web probes are running now (bounded by {@code --https-backlog}). */
    public static final String WEB_TASKS_ACTIVE = "mailcensus.web.tasks.active";

    /** Gauge: domains whose web probes wait for their web address's turn (their DNS rows are stored). */
    public static final String WEB_TASKS_QUEUED = "mailcensus.web.tasks.queued";

    /**
     * Gauge (a count since start): connections opened again because a web server said 429 (or 503
     * with Retry-After) to the first, by whether the second got another answer.
     */
    public static final String HTTPS_COME_BACK_TRIES = "mailcensus.https.come_back_tries";

    /** Counter: HTTPS requests (MTA-STS policy, security.txt, M365), tags {@code kind} and {@code status}. */
    public static final String HTTPS_REQUESTS = "mailcensus.https.requests";

    /** Counter: rows written to the store, tag {@code table}. */
    public static final String STORE_ROWS_WRITTEN = "mailcensus.store.rows.written";

    /** Counter: failed store writes that were retried (the rows wait, they are never dropped). */
    public static final String STORE_WRITE_RETRIES = "mailcensus.store.write.retries";

    /** Timer: one batch written to the store, retries included. */
    public static final String STORE_WRITE = "mailcensus.store.write";

    /** Gauge: messages not yet consumed, tag {@code topic}: the signal to scale workers on. */
    public static final String QUEUE_LAG = "mailcensus.queue.lag";

    /**
     * Gauge: a distributed round's tasks, tags {@code round} (its id) and {@code count} (enqueued,
     * done, failed, in_flight), from the aggregator's scans row of the round; the last few rounds.
     */
    public static final String ROUND_TASKS = "mailcensus.round.tasks";

    /** Counter: failures of the machinery, not of the measured domains, tag {@code kind}. */
    public static final String ERRORS = "mailcensus.errors";

    /**
     * Gauge: a worker's politeness gates by state, tags {@code kind} (smtp, https) and
     * {@code state} (tracked, busy, waiting, failing, quarantined).
     */
    public static final String GATES = "mailcensus.gates";

    /**
     * Gauges of the busiest gates of the moment (at most {@code GateMetrics.BUSIEST} per kind, by
     * connections open and waiting), tags {@code kind} and {@code ip} (an IPv6 gate's /64): the
     * pace a gate allows now (new connections a minute; an adaptive gate's climbs and cuts show
     * here), callers waiting, and seconds until it opens again (a backoff or Retry-After rest).
     */
    public static final String GATE_PACE = "mailcensus.gate.pace";
    public static final String GATE_WAITING = "mailcensus.gate.waiting";
    public static final String GATE_REST = "mailcensus.gate.rest";

    /** The HELP line of each meter. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(DOMAINS_PROBED, "Domains whose scan finished, by result status"),
            Map.entry(DNS_QUERIES, "DNS queries by outcome"),
            Map.entry(SMTP_PROBES, "SMTP probes run (one per host and IP per round), by connect outcome"),
            Map.entry(SMTP_PROBES_SHARED, "MX probe tasks answered by a probe of the same pair in the round"),
            Map.entry(SMTP_PROBES_REUSED, "SMTP probes answered from another host name's connection to the same address"),
            Map.entry(SMTP_SECOND_TRIES, "Second connections to a mail server whose first answer may have been passing, by whether it answered"),
            Map.entry(SMTP_PROBES_ACTIVE, "SMTP probes running"),
            Map.entry(SMTP_PROBES_QUEUED, "SMTP probes waiting for their IP's turn"),
            Map.entry(SMTP_GATE_WAIT, "Wait at the per-IP politeness gate"),
            Map.entry(WEB_TASKS_ACTIVE, "Domains whose web probes are running"),
            Map.entry(WEB_TASKS_QUEUED, "Domains whose web probes wait for their web address's turn"),
            Map.entry(HTTPS_REQUESTS, "HTTPS requests by kind and status"),
            Map.entry(HTTPS_COME_BACK_TRIES, "Connections opened again after a web server said 429 (or 503 with Retry-After), by whether it then answered"),
            Map.entry(STORE_ROWS_WRITTEN, "Rows written to the store, by table"),
            Map.entry(STORE_WRITE_RETRIES, "Failed store writes that were retried"),
            Map.entry(STORE_WRITE, "One batch written to the store, retries included"),
            Map.entry(QUEUE_LAG, "Messages not yet consumed, by topic"),
            Map.entry(ROUND_TASKS, "A distributed round's tasks: enqueued, done, failed, in flight"),
            Map.entry(ERRORS, "Failures of the machinery, by kind"),
            Map.entry(GATES, "Politeness gates by kind and state"),
            Map.entry(GATE_PACE, "New connections a minute the busiest gates allow now, by kind and IP"),
            Map.entry(GATE_WAITING, "Callers waiting at the busiest gates, by kind and IP"),
            Map.entry(GATE_REST, "Seconds until the busiest gates open again, by kind and IP"));

    private MeterNames() {}
}
