package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.Leaf;
import java.util.Map;
import java.util.Optional;

/**
 * A server to run: its spec, and where its certificate chain and key were written (none without
 * STARTTLS), and those of the certificates it chooses by SNI ({@link MailServerSpec#sniNames()}).
 */
record ServerSetup(MailServerSpec spec, Optional<Leaf> leaf, Optional<Leaf.PemFiles> files,
        Map<String, Leaf.PemFiles> sniFiles) {

    ServerSetup {
        sniFiles = Map.copyOf(sniFiles);
    }

    ServerSetup(MailServerSpec spec, Optional<Leaf> leaf, Optional<Leaf.PemFiles> files) {
        this(spec, leaf, files, Map.of());
    }
}
