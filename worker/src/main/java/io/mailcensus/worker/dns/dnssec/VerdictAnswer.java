package io.mailcensus.worker.dns.dnssec;

import io.mailcensus.schemas.QueryError;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * What the verdict query returned, reduced to what the verdict needs: the rcode, the AD bit and
 * an Extended DNS Error (RFC 8914) if there was one; or why no answer came at all.
 *
 * @param edeCode the first EDE info-code, -1 when none
 * @param edeText its extra text, may be empty
 * @param failure set exactly when no response came (timeout, network error)
 */
public record VerdictAnswer(int rcode, boolean authenticated, int edeCode, String edeText, QueryError failure) {

    public static VerdictAnswer of(Message response) {
        int code = -1;
        String text = "";
        OPTRecord opt = response.getOPT();
        if (opt != null) {
            for (EDNSOption option : opt.getOptions()) {
                if (option instanceof ExtendedErrorCodeOption ede) {
                    code = ede.getErrorCode();
                    text = ede.getText() == null ? "" : ede.getText();
                    break;
                }
            }
        }
        return new VerdictAnswer(response.getRcode(), response.getHeader().getFlag(Flags.AD), code, text, null);
    }

    public static VerdictAnswer failed(QueryError failure) {
        return new VerdictAnswer(-1, false, -1, "", failure);
    }
}
