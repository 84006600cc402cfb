package io.mailcensus.launcher;

import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when running from classes. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"mailcensus " + text()};
    }

    /** The bare version, as the scans table records it ("dev" from classes, as PlanOptions says). */
    static String text() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
