package io.mailcensus.testbed.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/** One DNS question to one server, with dnsjava and no global state. */
public final class DnsProbe {

    private DnsProbe() {}

    /**
     * Asks {@code server} for {@code name}/{@code type}. A recursive question carries CD: the
     * testbed's resolver validates, and a probe wants the data, also of a deliberately bogus zone.
     *
     * @param recursion set RD and CD (for the resolver); clear it to ask an authoritative server
     */
    public static Message ask(InetSocketAddress server, String name, int type, boolean recursion, Duration timeout)
            throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        Message query = Message.newQuery(Record.newRecord(absolute(name), type, DClass.IN));
        if (!recursion) {
            query.getHeader().unsetFlag(Flags.RD);
        } else {
            query.getHeader().setFlag(Flags.CD);
        }
        return resolver.send(query);
    }

    /**
     * Asks the validating resolver with AD set and CD clear (RFC 6840 5.7): AD in the response
     * means secure, SERVFAIL for a zone that answers {@link #ask} means bogus.
     */
    public static Message askValidated(InetSocketAddress server, String name, int type, Duration timeout)
            throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        Message query = Message.newQuery(Record.newRecord(absolute(name), type, DClass.IN));
        query.getHeader().setFlag(Flags.AD);
        return resolver.send(query);
    }

    static Name absolute(String name) throws TextParseException {
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }
}
