package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Directory permissions for servers that drop root (Postfix's smtpd and postlogd run as user postfix). */
final class MailDirs {

    private MailDirs() {}

    /**
     * Lets other users traverse {@code dir} and its parents. A JUnit temp directory is private
     * (0700), so parents inside the system temp directory are opened too; any other parent that
     * others cannot traverse is an error rather than a change to the system.
     */
    static void openToOthers(Path dir) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path work = dir.toAbsolutePath();
        for (Path p = work; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
            if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (!p.equals(work) && !(p.startsWith(tmp) && !p.equals(tmp))) {
                throw new IOException("the mail servers' users cannot reach " + work + ": " + p
                        + " is closed to others (mode " + perms + "); use a work directory elsewhere");
            }
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        }
    }
}
