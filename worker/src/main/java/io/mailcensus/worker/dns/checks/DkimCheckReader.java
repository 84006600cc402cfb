package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.worker.dns.DnsAnswer;

/**
 * The {@code _domainkey.<d>} node alone (selectors come later). NOERROR, with or without data,
 * means the node exists (RFC 8020), which makes DKIM likely; NXDOMAIN leaves it unknown.
 * Wildcards and servers that answer NXDOMAIN for empty non-terminals are not handled yet.
 */
public final class DkimCheckReader {

    private DkimCheckReader() {}

    public static DkimCheck read(DnsAnswer node) {
        CheckStatus nodeStatus;
        DkimStatus status;
        if (node.isError()) {
            nodeStatus = CheckStatus.error;
            status = DkimStatus.error;
        } else if (node.nameDoesNotExist()) {
            nodeStatus = CheckStatus.absent;
            status = DkimStatus.unknown;
        } else {
            nodeStatus = CheckStatus.present;
            status = DkimStatus.likely;
        }
        return DkimCheck.newBuilder().setNode(nodeStatus).setStatus(status).build();
    }
}
