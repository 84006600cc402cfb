package io.mailcensus.launcher;

import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when running from classes. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mailcensus " + (v != null ? v : "dev")};
    }
}
