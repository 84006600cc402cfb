package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.smtp.SmtpProbeSettings;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How mail servers are probed: the SMTP conversation, the per-IP politeness, the opt-out list,
 * the CA bundle the certificates are judged against, and how many probes may be active at once.
 *
 * @param enabled false for DNS-only scans ({@code --no-smtp})
 * @param addresses where MX addresses may lead (special-purpose addresses refused, {@code --allow-address})
 * @param maxActive probes active at once across all servers (sockets, memory); each IP still
 *     gets at most {@code politeness.connections()} of them
 */
public record MailServerSettings(
        boolean enabled,
        SmtpProbeSettings smtp,
        PolitenessSettings politeness,
        OptOutList optOut,
        TrustStore trust,
        int maxActive,
        AddressPolicy addresses) {

    public static final int DEFAULT_MAX_ACTIVE = 256;
    public static final String DEFAULT_EHLO = "mailcensus.invalid";

    public MailServerSettings {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(optOut, "optOut");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(addresses, "addresses");
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be at least 1: " + maxActive);
        }
    }

    /** With the policy of a real scan on this machine, nothing allowed beyond it. */
    public MailServerSettings(boolean enabled, SmtpProbeSettings smtp, PolitenessSettings politeness, OptOutList optOut,
            TrustStore trust, int maxActive) {
        this(enabled, smtp, politeness, optOut, trust, maxActive, AddressPolicy.forThisMachine(List.of()));
    }

    /**
     * The mail servers to probe for {@code domain}: none when SMTP probing is off or the domain is
     * on the opt-out list (whatever its MX hosts are), else its (host, IP) pairs.
     */
    public List<MxProbeTask> targets(DomainResult domain, Instant now) {
        if (!enabled || optOut.blocks(domain.getDomain())) {
            return List.of();
        }
        return MxTargets.of(domain, smtp.port()).stream().map(t -> t.toTask(domain.getScanId(), now)).toList();
    }

    public static MailServerSettings disabled() {
        return new MailServerSettings(false, SmtpProbeSettings.defaults(DEFAULT_EHLO), PolitenessSettings.defaults(),
                OptOutList.empty(), TrustStore.of(List.of()), DEFAULT_MAX_ACTIVE);
    }
}
