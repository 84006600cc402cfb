package io.mailcensus.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.coordinator.Tasks;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.worker.summary.DomainCheckPrinter;
import io.mailcensus.worker.dns.DomainChecker;
import java.time.Instant;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        var name = switch (DomainNames.normalize(domain)) {
            case NameResult.Accepted a -> a.name();
            case NameResult.Rejected r -> throw new UserException(
                    "'" + domain + "' is not a domain name: " + r.reason().description());
        };
        DomainResult result;
        try (DomainChecker checker = new DomainChecker(probe.settings())) {
            result = checker.check(Tasks.scanTask("check", name, Instant.now()))
                    .toCompletableFuture().get(5, TimeUnit.MINUTES);
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(result.toString())));
        } else {
            System.out.print(DomainCheckPrinter.render(result));
        }
        return 0;
    }
}
