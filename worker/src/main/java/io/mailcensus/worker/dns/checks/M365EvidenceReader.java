package io.mailcensus.worker.dns.checks;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DNS evidence of a Microsoft 365 tenant (checks.md), as tags in {@code m365.evidence}:
 * <ul>
 *   <li>{@value #MX}: an MX host under {@code mail.protection.outlook.com} (Exchange Online);</li>
 *   <li>{@value #AUTODISCOVER}: autodiscover names {@code autodiscover.outlook.com};</li>
 *   <li>{@value #MS_TXT}: a TXT record at the domain starting {@code MS=} (tenant verification);</li>
 *   <li>{@value #SPF_INCLUDE}: the domain's own SPF record includes {@code spf.protection.outlook.com}
 *       (not followed through other includes);</li>
 *   <li>{@code dkim_selector1} / {@code dkim_selector2}: that selector is a CNAME to a name under
 *       {@code onmicrosoft.com}.</li>
 * </ul>
 * The status stays {@code not_checked}: only the OpenID probe over HTTPS (a later step) says
 * whether a tenant exists.
 */
public final class M365EvidenceReader {

    static final String MX = "mx";
    static final String AUTODISCOVER = "autodiscover";
    static final String MS_TXT = "ms_txt";
    static final String SPF_INCLUDE = "spf_include";
    /** The selectors Microsoft 365 publishes as CNAMEs into the tenant's onmicrosoft.com zone. */
    public static final List<String> SELECTORS = List.of("selector1", "selector2");

    private static final Pattern SPF_RECORD = Pattern.compile("(?i)^v=spf1( .*)?$");
    private static final Pattern INCLUDE = Pattern.compile("(?i)^[+?~-]?include:spf\\.protection\\.outlook\\.com\\.?$");

    private M365EvidenceReader() {}

    /**
     * @param selectorAnswers answers for {@code <selector>._domainkey.<d>} keyed by selector (any
     *     type: a CNAME shows up among the aliases); selectors without an answer give no evidence
     */
    public static M365Check read(MxCheck mx, TargetCheck autodiscover, DnsAnswer apexTxt,
            Map<String, DnsAnswer> selectorAnswers) {
        List<String> evidence = new ArrayList<>();
        if (mx.getRecords().stream().map(MxRecord::getHost).anyMatch(h -> under(h, "mail.protection.outlook.com"))) {
            evidence.add(MX);
        }
        if (autodiscover.getStatus() == CheckStatus.present
                && autodiscover.getTargets().stream().anyMatch(t -> t.equals("autodiscover.outlook.com"))) {
            evidence.add(AUTODISCOVER);
        }
        List<String> texts = TxtTexts.matching(apexTxt, t -> true);
        if (texts.stream().anyMatch(t -> t.startsWith("MS="))) {
            evidence.add(MS_TXT);
        }
        if (texts.stream().filter(t -> SPF_RECORD.matcher(t).matches())
                .flatMap(t -> List.of(t.split(" +")).stream())
                .anyMatch(term -> INCLUDE.matcher(term).matches())) {
            evidence.add(SPF_INCLUDE);
        }
        for (String selector : SELECTORS) {
            DnsAnswer answer = selectorAnswers.get(selector);
            if (answer != null && !answer.aliases().isEmpty()
                    && under(Names.text(answer.aliases().getFirst()), "onmicrosoft.com")) {
                evidence.add("dkim_" + selector);
            }
        }
        return M365Check.newBuilder().setStatus(CheckStatus.not_checked).setEvidence(evidence).build();
    }

    private static boolean under(String host, String zone) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith("." + zone) || h.equals(zone);
    }
}
