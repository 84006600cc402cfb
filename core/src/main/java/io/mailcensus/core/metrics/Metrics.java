package io.mailcensus.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * The meter registry of one process, with the few ways mailcensus registers meters. Components
 * take a {@code Metrics} in a constructor overload and default to {@link #none()}, so a unit
 * test or a single-machine scan without {@code --metrics} pays nothing.
 *
 * <p>Meter names come from {@link MeterNames}; their HELP text is added here.
 */
public final class Metrics {

    private static final Metrics NONE = new Metrics(new CompositeMeterRegistry());
    private static Metrics process; // guarded by Metrics.class

    private final MeterRegistry registry;
    /** Run before each scrape: they set meters whose set of tags changes (the busiest gates of the moment). */
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    private Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records nothing: an empty composite registry hands out no-op meters. */
    public static Metrics none() {
        return NONE;
    }

    /** In memory, readable through {@link #registry()}: for tests that assert on counts. */
    public static Metrics simple() {
        return new Metrics(new SimpleMeterRegistry());
    }

    /** A fresh Prometheus registry without JVM meters (tests; {@link #forProcess()} otherwise). */
    public static Metrics prometheus() {
        return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * The Prometheus registry of this process, created on first use with the JVM's own meters
     * (heap, GC, threads, CPU) bound to it: one per process, so every role in it shares one scrape.
     */
    public static synchronized Metrics forProcess() {
        if (process == null) {
            Metrics m = prometheus();
            new JvmMemoryMetrics().bindTo(m.registry);
            new JvmGcMetrics().bindTo(m.registry); // lives as long as the process: never closed
            new JvmThreadMetrics().bindTo(m.registry);
            new ProcessorMetrics().bindTo(m.registry);
            process = m;
        }
        return process;
    }

    /** Wraps a registry of the caller's (a composite, a test's). */
    public static Metrics of(MeterRegistry registry) {
        return new Metrics(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A counter of {@link MeterNames}, tags as key, value pairs. */
    public Counter counter(String name, String... tags) {
        return Counter.builder(name).description(help(name)).tags(tags).register(registry);
    }

    /**
     * A family of counters whose tag values are known only when counting (a status, a table):
     * {@code counters(DOMAINS_PROBED).withTag("status", "ok").increment()}.
     */
    public MeterProvider<Counter> counters(String name) {
        return Counter.builder(name).description(help(name)).withRegistry(registry);
    }

    public Timer timer(String name, String... tags) {
        return Timer.builder(name).description(help(name)).tags(tags).register(registry);
    }

    /**
     * A gauge reading {@code value} of {@code target} at each scrape. The registry holds the target
     * weakly: keep it referenced. A second gauge with the same name and tags keeps the first target.
     */
    public <T> T gauge(String name, T target, ToDoubleFunction<T> value, String... tags) {
        Gauge.builder(name, target, value).description(help(name)).tags(tags).register(registry);
        return target;
    }

    /** True when {@link #scrape()} has something to serve. */
    public boolean scrapeable() {
        return registry instanceof PrometheusMeterRegistry;
    }

    /** A multi-gauge: one gauge per row of tags, its rows set anew by a {@link #beforeScrape} hook. */
    public MultiGauge multiGauge(String name) {
        return MultiGauge.builder(name).description(help(name)).register(registry);
    }

    /** Runs {@code refresh} before each scrape; nothing is kept for a registry nobody scrapes. */
    public void beforeScrape(Runnable refresh) {
        if (scrapeable()) {
            beforeScrape.add(refresh);
        }
    }

    /** The Prometheus text exposition of every meter; empty for a registry nobody scrapes. */
    public String scrape() {
        if (!(registry instanceof PrometheusMeterRegistry p)) {
            return "";
        }
        beforeScrape.forEach(Runnable::run);
        return p.scrape();
    }

    private static String help(String name) {
        return MeterNames.DESCRIPTIONS.get(name);
    }
}
