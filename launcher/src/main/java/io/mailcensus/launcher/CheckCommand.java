package io.mailcensus.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailcensus.coordinator.Tasks;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.worker.dns.DomainChecker;
import io.mailcensus.worker.loop.DomainProbes;
import io.mailcensus.worker.mailserver.MailServerSettings;
import io.mailcensus.worker.mailserver.MailServers;
import io.mailcensus.worker.summary.DomainCheckPrinter;
import io.mailcensus.worker.summary.MailServerSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Override
    public Integer call() throws Exception {
        var name = switch (DomainNames.normalize(domain)) {
            case NameResult.Accepted a -> a.name();
            case NameResult.Rejected r -> throw new UserException(
                    "'" + domain + "' is not a domain name: " + r.reason().description());
        };
        DomainResult result;
        List<MailServerResult> servers = new CopyOnWriteArrayList<>();
        MailServerSettings mailSettings = mail.settings(System.err);
        ResolverPreflight.check(probe.settings());
        try (DomainChecker checker = new DomainChecker(probe.settings());
                DomainProbes probes = new DomainProbes(checker, mail.web(), mail.optOut(), Clock.systemUTC(), 1);
                MailServers mailServers = new MailServers(mailSettings, checker.dns(), servers::add, Clock.systemUTC())) {
            result = probes.probe().probe(Tasks.scanTask("check", name, Instant.now()))
                    .toCompletableFuture().get(5, TimeUnit.MINUTES);
            mailServers.submit(result);
            if (!mailServers.awaitIdle(10, TimeUnit.MINUTES)) {
                throw new UserException("mail server probes did not finish in 10 minutes");
            }
        }
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
}
