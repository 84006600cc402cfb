package io.mailcensus.worker.mailserver;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.smtp.SmtpProbeSettings;
import io.mailcensus.worker.tls.TrustStore;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param budget what one domain's mail servers may cost: names per address, pairs, time
 * @param everyName every (host, IP) pair gets a connection of its own, even on an address that
 *     answered two names alike this round ({@code --smtp-every-name}; by default the further
 *     names reuse that answer: {@link SharedAddressAnswers})
 */
public record MailServerSettings(
        boolean enabled,
        SmtpProbeSettings smtp,
        PolitenessSettings politeness,
        OptOutList optOut,
        TrustStore trust,
        int maxActive,
        AddressPolicy addresses,
        MailServerBudget budget,
        boolean everyName) {

    public static final int DEFAULT_MAX_ACTIVE = 256;
    public static final String DEFAULT_EHLO = "mailcensus.invalid";

    public MailServerSettings {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(optOut, "optOut");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(budget, "budget");
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be at least 1: " + maxActive);
        }
    }

    /** Names on an address that answers every name alike reuse that answer (the default). */
    public MailServerSettings(boolean enabled, SmtpProbeSettings smtp, PolitenessSettings politeness, OptOutList optOut,
            TrustStore trust, int maxActive, AddressPolicy addresses, MailServerBudget budget) {
        this(enabled, smtp, politeness, optOut, trust, maxActive, addresses, budget, false);
    }

    /** With the default budget. */
    public MailServerSettings(boolean enabled, SmtpProbeSettings smtp, PolitenessSettings politeness, OptOutList optOut,
            TrustStore trust, int maxActive, AddressPolicy addresses) {
        this(enabled, smtp, politeness, optOut, trust, maxActive, addresses, MailServerBudget.defaults());
    }

    /** With the policy of a real scan on this machine, nothing allowed beyond it. */
    public MailServerSettings(boolean enabled, SmtpProbeSettings smtp, PolitenessSettings politeness, OptOutList optOut,
            TrustStore trust, int maxActive) {
        this(enabled, smtp, politeness, optOut, trust, maxActive, AddressPolicy.forThisMachine(List.of()));
    }

    /**
     * The mail servers to probe for {@code domain}: none when SMTP probing is off or the domain is
     * on the opt-out list (whatever its MX hosts are), else its (host, IP) pairs, each naming the
     * domain (whose time budget they share); the pairs the budget leaves out come last, marked
     * {@code not_probed}, so that they are stored as such unless another domain probes them.
     */
    public List<MxProbeTask> targets(DomainResult domain, Instant now) {
        if (!enabled || optOut.blocks(domain.getDomain())) {
            return List.of();
        }
        MxTargets.Plan plan = MxTargets.plan(domain, smtp.port(), budget);
        List<MxProbeTask> tasks = new ArrayList<>(plan.probe().size() + plan.leftOut().size());
        for (MailServerTarget t : plan.probe()) {
            tasks.add(task(t, domain, now, null));
        }
        for (MxTargets.LeftOut l : plan.leftOut()) {
            tasks.add(task(l.target(), domain, now, MailServerBudget.NOT_PROBED + ": " + l.reason()));
        }
        return tasks;
    }

    private static MxProbeTask task(MailServerTarget target, DomainResult domain, Instant now, String notProbed) {
        MxProbeTask task = target.toTask(domain.getScanId(), now);
        task.setDomain(domain.getDomain());
        task.setNotProbed(notProbed);
        return task;
    }

    public static MailServerSettings disabled() {
        return new MailServerSettings(false, SmtpProbeSettings.defaults(DEFAULT_EHLO), PolitenessSettings.defaults(),
                OptOutList.empty(), TrustStore.of(List.of()), DEFAULT_MAX_ACTIVE);
    }
}
