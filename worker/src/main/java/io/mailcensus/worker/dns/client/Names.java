package io.mailcensus.worker.dns.client;

import java.util.Locale;
import org.xbill.DNS.Name;

/** How names appear in results: lower case, no trailing dot, the root as ".". */
public final class Names {

    private Names() {}

    public static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
