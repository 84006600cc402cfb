package io.mailcensus.launcher;

import io.mailcensus.worker.dns.client.DnsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One query to each resolver before the first domain (". NS"), so that a scan against a dead or
 * refusing resolver stops within seconds with one line naming it, instead of recording every
 * domain as an error. Any answer but REFUSED counts: SERVFAIL for the root is the resolver's
 * business, the scan's per-query errors will say so.
 */
final class ResolverPreflight {

    private ResolverPreflight() {}

    /** @throws UserException naming the first resolver that does not answer */
    static void check(DnsSettings settings) {
        List<InetSocketAddress> resolvers = settings.resolvers().isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : settings.resolvers();
        if (resolvers.isEmpty()) {
            throw new UserException("no resolver: the system has none configured; give --resolver HOST[:PORT]");
        }
        for (InetSocketAddress resolver : resolvers) {
            ask(resolver, settings.timeout());
        }
    }

    private static void ask(InetSocketAddress resolver, Duration timeout) {
        String who = "resolver " + display(resolver);
        Message answer;
        try {
            SimpleResolver client = new SimpleResolver(resolver);
            client.setTimeout(timeout);
            answer = client.send(Message.newQuery(Record.newRecord(Name.root, Type.NS, DClass.IN)));
        } catch (IOException e) {
            throw new UserException(who + " does not answer (no reply to '. NS' within " + timeout.toMillis()
                    + " ms: " + e.getClass().getSimpleName() + "); check --resolver");
        }
        if (answer.getRcode() == Rcode.REFUSED) {
            throw new UserException(who + " refuses our queries (REFUSED to '. NS'); check --resolver and its access list");
        }
    }

    private static String display(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
