package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.Leaf;
import java.util.Optional;

/** A server to run: its spec, and where its certificate chain and key were written (none without STARTTLS). */
record ServerSetup(MailServerSpec spec, Optional<Leaf> leaf, Optional<Leaf.PemFiles> files) {}
