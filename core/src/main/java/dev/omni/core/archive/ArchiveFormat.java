package dev.omni.core.archive;

import dev.omni.core.OmniException;
import java.nio.file.Path;
import java.util.Locale;

/** The archive formats omni reads and writes, chosen by file name. */
public enum ArchiveFormat {
    TAR_ZST, TAR_GZ, ZIP;

    public static ArchiveFormat of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.zst") || n.endsWith(".tzst")) {
            return TAR_ZST;
        }
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return TAR_GZ;
        }
        if (n.endsWith(".zip")) {
            return ZIP;
        }
        throw OmniException.invalid("cannot tell the archive format of " + file.getFileName()
                + "; use a name ending in .tar.zst, .tar.gz or .zip");
    }
}
