package io.mailcensus.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailcensus.coordinator.Tasks;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.queue.InProcessQueue;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.launcher.summary.DomainCheckPrinter;
import io.mailcensus.launcher.summary.MailServerSummary;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.assembly.Worker;
import io.mailcensus.worker.assembly.WorkerSettings;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.mailserver.MailServerSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check one domain and print what mailcensus sees (nothing is stored).")
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(names = "--json", description = "print the full result as JSON")
    boolean json;

    @Mixin
    ProbeOptions probe;

    @Mixin
    MailProbeOptions mail;

    /**
     * Options of a batch (many domains, many servers at their rates) that mean nothing for one
     * domain: check neither lists nor takes them, and runs with their defaults.
     */
    static final List<String> BATCH_ONLY = List.of("--concurrency", "--max-queries", "--smtp-rate",
            "--smtp-connections", "--smtp-concurrency", "--smtp-politeness", "--https-rate", "--https-connections",
            "--https-backlog", "--https-politeness");

    /** Takes the {@link #BATCH_ONLY} options out of the check command (they come with the shared mixins). */
    static void dropBatchOptions(CommandLine check) {
        CommandSpec spec = check.getCommandSpec();
        for (String name : BATCH_ONLY) {
            OptionSpec option = spec.findOption(name);
            if (option != null) {
                spec.remove(option);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        var name = switch (DomainNames.normalize(domain)) {
            case NameResult.Accepted a -> a.name();
            case NameResult.Rejected r -> throw new UserException(
                    "'" + domain + "' is not a domain name: " + r.reason().description());
        };
        AtomicReference<DomainResult> domainResult = new AtomicReference<>();
        List<MailServerResult> servers = new CopyOnWriteArrayList<>();
        MailServerSettings mailSettings = mail.settings(System.err);
        ResolverPreflight.check(probe.settings());
        // the scan's worker, over in-process queues, with one task: what a scan would store is printed
        InProcessWorkQueue tasks = new InProcessWorkQueue(1);
        InProcessQueue<MxProbeTask> mxTasks = InProcessQueue.unbounded();
        WorkerSettings settings = new WorkerSettings(probe.settings(), mailSettings, mail.web(), 1);
        try (Worker worker = new Worker(settings, new Collect(domainResult, servers), mxTasks, Clock.systemUTC(),
                new ScanCounters(), Metrics.none())) {
            tasks.submit(Tasks.scanTask("check", name, Instant.now()));
            tasks.finish();
            worker.scanLoop(tasks).run();
            mxTasks.finish();
            worker.mailServerLoop(mxTasks).run();
            if (!worker.mailServers().awaitIdle(10, TimeUnit.MINUTES)) {
                throw new UserException("mail server probes did not finish in 10 minutes");
            }
        }
        DomainResult result = domainResult.get();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode both = mapper.createObjectNode();
            both.set("domain", mapper.readTree(result.toString()));
            ArrayNode list = both.putArray("mail_servers");
            for (MailServerResult s : servers) {
                list.add(mapper.readTree(s.toString()));
            }
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(both));
        } else {
            System.out.print(DomainCheckPrinter.render(result));
            if (mailSettings.enabled()) {
                System.out.print(MailServerSummary.render(servers));
            }
        }
        return 0;
    }

    /** Keeps what a scan would store. */
    private record Collect(AtomicReference<DomainResult> domain, List<MailServerResult> servers) implements ResultSink {

        @Override
        public void publish(DomainResult result) {
            domain.set(result);
        }

        @Override
        public void publish(MailServerResult result) {
            servers.add(result);
        }

        @Override
        public void flush() {}
    }
}
