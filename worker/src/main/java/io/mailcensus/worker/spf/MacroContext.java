package io.mailcensus.worker.spf;

import java.net.InetAddress;

/**
 * The values macros expand to (RFC 7208 7.2) for one check_host() call; {@code domain} changes
 * as include and redirect move on, the rest stays.
 */
record MacroContext(InetAddress ip, String sender, String localPart, String senderDomain, String domain,
        String helo, String receiver, long timestamp) {

    MacroContext withDomain(String newDomain) {
        return new MacroContext(ip, sender, localPart, senderDomain, newDomain, helo, receiver, timestamp);
    }
}
