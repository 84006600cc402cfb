package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimKey;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.worker.dns.client.DnsAnswer.Outcome;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.records.DkimKeyRecord;
import io.mailcensus.worker.dns.records.TxtText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.xbill.DNS.TXTRecord;

/**
 * DKIM from the {@code _domainkey} node and the selector list.
 * <ul>
 *   <li>found: a selector holds a usable key record (parses, not revoked), and it is not what a
 *       wildcard answers for a never-used selector;</li>
 *   <li>likely: no usable key, but the node exists (NOERROR, RFC 8020), or a selector name
 *       exists (a revoked or broken key, a Microsoft 365 CNAME whose target has no key yet);</li>
 *   <li>error: nothing found and the node query, or every selector query, failed;</li>
 *   <li>unknown: otherwise — DKIM may still be used with a selector nobody can guess.</li>
 * </ul>
 * {@code node} keeps what DNS said about {@code _domainkey} itself: "absent" next to "found" is a
 * server that answers NXDOMAIN for empty non-terminals, and the key wins. Under a wildcard the
 * node's NOERROR proves nothing, so it does not make DKIM likely.
 */
public final class DkimCheckReader {

    private DkimCheckReader() {}

    public static DkimCheck read(DkimAnswers answers) {
        List<String> notes = new ArrayList<>();
        DnsAnswer probe = answers.wildcardProbe();
        boolean wildcard = probe.outcome() == Outcome.ANSWER || probe.outcome() == Outcome.NODATA;
        List<String> wildcardTexts = texts(probe);

        List<DkimKey> keys = new ArrayList<>();
        boolean usable = false;
        boolean selectorExists = false;
        int discounted = 0;
        for (Map.Entry<String, DnsAnswer> e : answers.selectors().entrySet()) {
            String selector = e.getKey();
            DnsAnswer answer = e.getValue();
            if (answer.isError()) {
                continue;
            }
            if (wildcard && answer.outcome() == probe.outcome() && lastAlias(answer).equals(lastAlias(probe))
                    && texts(answer).equals(wildcardTexts)) {
                discounted++; // the same as a never-used selector gets: the wildcard's answer
                continue;
            }
            if (!answer.aliases().isEmpty()) {
                String target = Names.text(answer.aliases().getLast());
                notes.add(selector + ": CNAME to " + target
                        + (answer.outcome() == Outcome.ANSWER ? "" : " (" + answer.outcome().name().toLowerCase(Locale.ROOT) + ")"));
                selectorExists = true;
            }
            if (answer.outcome() == Outcome.ANSWER) {
                List<String> texts = texts(answer);
                selectorExists = true;
                for (String text : texts) {
                    DkimKeyRecord key = DkimKeyRecord.parse(text);
                    usable |= key.usable();
                    if (!key.valid()) {
                        notes.add(selector + ": invalid key record: " + key.invalidReason());
                    }
                    keys.add(DkimKey.newBuilder()
                            .setSelector(selector)
                            .setRecord(text)
                            .setKeyType(key.keyType())
                            .setBits(key.bits())
                            .setRevoked(key.revoked())
                            .setValid(key.valid())
                            .build());
                }
            } else if (answer.outcome() == Outcome.NODATA) {
                selectorExists = true;
            }
        }
        if (wildcard) {
            notes.add("a wildcard answers under _domainkey (never-used selector "
                    + Names.text(probe.query().name()).split("\\.", 2)[0] + " got "
                    + probe.outcome().name().toLowerCase(Locale.ROOT) + "): node and "
                    + discounted + " look-alike selector answer(s) discounted");
        }
        if (answers.notAskedBecause() != null) {
            notes.add("selectors not asked: " + answers.notAskedBecause());
        }

        DnsAnswer node = answers.node();
        CheckStatus nodeStatus = node.isError() ? CheckStatus.error
                : node.nameDoesNotExist() ? CheckStatus.absent : CheckStatus.present;
        if (nodeStatus == CheckStatus.absent && (usable || selectorExists)) {
            notes.add("_domainkey answered NXDOMAIN but a selector below it exists"
                    + " (a server that breaks RFC 8020 for empty non-terminals)");
        }
        boolean nodeExists = nodeStatus == CheckStatus.present && !wildcard;
        boolean selectorsAllFailed = !answers.selectors().isEmpty()
                && answers.selectors().values().stream().allMatch(DnsAnswer::isError);

        DkimStatus status;
        if (usable) {
            status = DkimStatus.found;
        } else if (nodeExists || selectorExists) {
            status = DkimStatus.likely;
        } else if (node.isError() || selectorsAllFailed) {
            status = DkimStatus.error;
        } else {
            status = DkimStatus.unknown;
        }
        return DkimCheck.newBuilder().setNode(nodeStatus).setStatus(status).setKeys(keys).setNotes(notes).build();
    }

    private static String lastAlias(DnsAnswer answer) {
        return answer.aliases().isEmpty() ? "" : Names.text(answer.aliases().getLast());
    }

    private static List<String> texts(DnsAnswer answer) {
        return answer.records(TXTRecord.class).stream().map(TxtText::of).sorted().collect(Collectors.toList());
    }
}
