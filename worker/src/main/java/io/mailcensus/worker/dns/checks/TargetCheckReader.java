package io.mailcensus.worker.dns.checks;

import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.SRVRecord;

/**
 * The client-discovery names: Autodiscover, Lyncdiscover and SIP federation. Each is a list of
 * lookups tried in order; the first one that names a target decides ({@code present}, with its
 * targets). A failed lookup does not hide a later one that answers, but when nothing names a
 * target and some lookup failed, the check is {@code error}, never {@code absent}.
 *
 * <p>Targets are host names (lower case, no trailing dot) or, for a bare A record, addresses. An
 * SRV target "." (RFC 2782: the service is decidedly not available) names nothing.
 */
public final class TargetCheckReader {

    private TargetCheckReader() {}

    /** {@code CNAME autodiscover.<d>}, else {@code A autodiscover.<d>}, else {@code SRV _autodiscover._tcp.<d>}. */
    public static TargetCheck autodiscover(DnsAnswer cname, DnsAnswer a, DnsAnswer srv) {
        return firstNamingATarget(List.of(
                new Step(cname, TargetCheckReader::cnameTarget),
                new Step(a, TargetCheckReader::addressTargets),
                new Step(srv, TargetCheckReader::srvTargets)));
    }

    /** {@code CNAME lyncdiscover.<d>}, else {@code A lyncdiscover.<d>}. */
    public static TargetCheck lyncdiscover(DnsAnswer cname, DnsAnswer a) {
        return firstNamingATarget(List.of(
                new Step(cname, TargetCheckReader::cnameTarget),
                new Step(a, TargetCheckReader::addressTargets)));
    }

    /** {@code SRV _sipfederationtls._tcp.<d>}: every target, by priority then weight. */
    public static TargetCheck sipFederation(DnsAnswer srv) {
        return firstNamingATarget(List.of(new Step(srv, TargetCheckReader::srvTargets)));
    }

    private record Step(DnsAnswer answer, Function<DnsAnswer, List<String>> targets) {}

    private static TargetCheck firstNamingATarget(List<Step> steps) {
        boolean failed = false;
        for (Step step : steps) {
            if (step.answer().isError()) {
                failed = true;
                continue;
            }
            List<String> targets = step.targets().apply(step.answer());
            if (!targets.isEmpty()) {
                return TargetCheck.newBuilder().setStatus(CheckStatus.present).setTargets(targets).build();
            }
        }
        return TargetCheck.newBuilder().setStatus(failed ? CheckStatus.error : CheckStatus.absent)
                .setTargets(List.of()).build();
    }

    private static List<String> cnameTarget(DnsAnswer cname) {
        return cname.records(CNAMERecord.class).stream().map(r -> Names.text(r.getTarget())).distinct().toList();
    }

    /**
     * An alias on the way (a CNAME the resolver followed, even a dangling one) is the target;
     * otherwise the addresses themselves.
     */
    private static List<String> addressTargets(DnsAnswer answer) {
        if (!answer.aliases().isEmpty()) {
            return List.of(Names.text(answer.aliases().getFirst()));
        }
        List<String> addresses = new ArrayList<>();
        answer.records(ARecord.class).forEach(r -> addresses.add(IpText.of(r.getAddress())));
        answer.records(AAAARecord.class).forEach(r -> addresses.add(IpText.of(r.rdataToWireCanonical())));
        return addresses.stream().distinct().sorted().toList();
    }

    private static List<String> srvTargets(DnsAnswer srv) {
        return srv.records(SRVRecord.class).stream()
                .sorted(Comparator.comparingInt(SRVRecord::getPriority)
                        .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed())
                        .thenComparing(r -> Names.text(r.getTarget())))
                .map(r -> Names.text(r.getTarget()))
                .filter(t -> !t.equals("."))
                .distinct()
                .toList();
    }
}
