package io.mailcensus.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countersShowUpInTheScrapeTextWithTheirTagsAndHelp() {
        Metrics metrics = Metrics.prometheus();
        metrics.counters(MeterNames.DOMAINS_PROBED).withTag("status", "ok").increment();
        metrics.counters(MeterNames.DOMAINS_PROBED).withTag("status", "ok").increment();
        metrics.counters(MeterNames.DOMAINS_PROBED).withTag("status", "error").increment();

        String text = metrics.scrape();

        assertThat(text)
                .contains("# HELP mailcensus_domains_probed_total Domains whose scan finished, by result status")
                .contains("# TYPE mailcensus_domains_probed_total counter")
                .contains("mailcensus_domains_probed_total{status=\"ok\"} 2")
                .contains("mailcensus_domains_probed_total{status=\"error\"} 1");
    }

    @Test
    void timersAreScrapedInSecondsAndGaugesReadTheirTargetAtScrapeTime() {
        Metrics metrics = Metrics.prometheus();
        metrics.timer(MeterNames.SMTP_GATE_WAIT).record(Duration.ofMillis(1500));
        AtomicInteger queued = metrics.gauge(MeterNames.SMTP_PROBES_QUEUED, new AtomicInteger(), AtomicInteger::get);
        queued.set(7);

        String text = metrics.scrape();

        assertThat(text)
                .contains("mailcensus_smtp_gate_wait_seconds_count 1")
                .contains("mailcensus_smtp_gate_wait_seconds_sum 1.5")
                .contains("mailcensus_smtp_probes_queued 7");
        Reference.reachabilityFence(queued);
    }

    @Test
    void noneRecordsNothingAndHasNothingToScrape() {
        Metrics none = Metrics.none();
        none.counter(MeterNames.ERRORS, "kind", "publish").increment();

        assertThat(none.counter(MeterNames.ERRORS, "kind", "publish").count()).isZero();
        assertThat(none.scrapeable()).isFalse();
        assertThat(none.scrape()).isEmpty();
    }

    @Test
    void simpleRegistryCountsForTestsToRead() {
        Metrics metrics = Metrics.simple();
        metrics.counters(MeterNames.STORE_ROWS_WRITTEN).withTag("table", "domain_results").increment(3);

        assertThat(metrics.registry().get(MeterNames.STORE_ROWS_WRITTEN).tag("table", "domain_results")
                .counter().count()).isEqualTo(3.0);
    }

    @Test
    void theProcessRegistryIsOneAndCarriesJvmMeters() {
        assertThat(Metrics.forProcess()).isSameAs(Metrics.forProcess());
        assertThat(Metrics.forProcess().scrape()).contains("jvm_memory_used_bytes");
    }

    @Test
    void everyNamedMeterLivesInOnePrometheusRegistryWithoutANameClash() {
        Metrics metrics = Metrics.prometheus();
        metrics.counter(MeterNames.DOMAINS_PROBED, "status", "ok").increment();
        metrics.counter(MeterNames.DNS_QUERIES, "outcome", "noerror").increment();
        metrics.counter(MeterNames.SMTP_PROBES, "connect", "ok").increment();
        metrics.counter(MeterNames.SMTP_PROBES_SHARED).increment();
        // gauges hold their targets weakly: these stay reachable until the scrape is done
        var active = metrics.gauge(MeterNames.SMTP_PROBES_ACTIVE, new AtomicInteger(1), AtomicInteger::get);
        var queued = metrics.gauge(MeterNames.SMTP_PROBES_QUEUED, new AtomicInteger(2), AtomicInteger::get);
        metrics.timer(MeterNames.SMTP_GATE_WAIT).record(Duration.ofSeconds(1));
        metrics.counter(MeterNames.HTTPS_REQUESTS, "kind", "mta_sts", "status", "200").increment();
        metrics.counter(MeterNames.STORE_ROWS_WRITTEN, "table", "domain_results").increment();
        metrics.counter(MeterNames.STORE_WRITE_RETRIES).increment();
        metrics.timer(MeterNames.STORE_WRITE).record(Duration.ofMillis(20));
        var lag = metrics.gauge(MeterNames.QUEUE_LAG, new AtomicInteger(3), AtomicInteger::get,
                "topic", "mailcensus.scan-tasks");
        metrics.counter(MeterNames.ERRORS, "kind", "result_lost").increment();

        assertThat(metrics.scrape()).contains(
                "mailcensus_domains_probed_total{status=\"ok\"} 1",
                "mailcensus_dns_queries_total{outcome=\"noerror\"} 1",
                "mailcensus_smtp_probes_total{connect=\"ok\"} 1",
                "mailcensus_smtp_probes_shared_total 1",
                "mailcensus_smtp_probes_active 1",
                "mailcensus_smtp_probes_queued 2",
                "mailcensus_smtp_gate_wait_seconds_count 1",
                "mailcensus_https_requests_total{kind=\"mta_sts\",status=\"200\"} 1",
                "mailcensus_store_rows_written_total{table=\"domain_results\"} 1",
                "mailcensus_store_write_retries_total 1",
                "mailcensus_store_write_seconds_count 1",
                "mailcensus_queue_lag{topic=\"mailcensus.scan-tasks\"} 3",
                "mailcensus_errors_total{kind=\"result_lost\"} 1");
        Reference.reachabilityFence(List.of(active, queued, lag));
    }

    @Test
    void everyNamedMeterHasAHelpText() throws IllegalAccessException {
        for (var field : MeterNames.class.getFields()) {
            String name = (String) field.get(null);
            assertThat(MeterNames.DESCRIPTIONS).as(field.getName()).containsKey(name);
            assertThat(name).startsWith("mailcensus.");
        }
    }
}
