package dev.omni.core.archive;

import com.github.luben.zstd.ZstdOutputStream;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StoreTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Date;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes a snapshot as a .tar.zst, .tar.gz or .zip: directories, files with their executable bit,
 * symlinks with their targets. The archive is written to a temp file and renamed into place, so a
 * failure never leaves half an archive under the requested name.
 */
public final class ArchiveExporter {
    private final ObjectStore store;

    public ArchiveExporter(ObjectStore store) {
        this.store = store;
    }

    /** Exports {@code snap} into {@code out}; returns the number of entries written. */
    public int export(Snapshot snap, Path out, Progress progress) {
        ArchiveFormat format = ArchiveFormat.of(out);
        List<Manifest.Item> items = Manifest.flatten(new StoreTrees(store), snap.manifestHash());
        Path dir = out.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + out + ": " + e.getMessage(), e);
        }
        FileTime mtime = FileTime.from(snap.createdAt());
        progress.start("Exporting", items.size(), "entries");
        try {
            if (format == ArchiveFormat.ZIP) {
                writeZip(items, tmp, mtime, progress);
            } else {
                writeTar(items, tmp, format, mtime, progress);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return items.size();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            progress.finish();
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temp file beside the archive is all that is left
            }
        }
    }

    private void writeTar(List<Manifest.Item> items, Path file, ArchiveFormat format, FileTime mtime, Progress progress)
            throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        OutputStream compressed = format == ArchiveFormat.TAR_ZST ? new ZstdOutputStream(raw, 3) : new GzipCompressorOutputStream(raw);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Manifest.Item i : items) {
                TreeEntry e = i.entry();
                TarArchiveEntry t;
                switch (e.type()) {
                    case DIR -> {
                        t = new TarArchiveEntry(i.path() + "/", TarConstants.LF_DIR, true);
                        t.setMode(040755);
                    }
                    case SYMLINK -> {
                        t = new TarArchiveEntry(i.path(), TarConstants.LF_SYMLINK, true);
                        t.setLinkName(e.target());
                        t.setMode(0120777);
                    }
                    default -> {
                        t = new TarArchiveEntry(i.path(), TarConstants.LF_NORMAL, true);
                        t.setMode(e.executable() ? 0100755 : 0100644);
                        t.setSize(e.size());
                    }
                }
                t.setModTime(Date.from(mtime.toInstant()));
                tar.putArchiveEntry(t);
                if (e.isFile()) {
                    copy(e.hash(), tar);
                }
                tar.closeArchiveEntry();
                progress.advance(1);
            }
            tar.finish();
        }
    }

    private void writeZip(List<Manifest.Item> items, Path file, FileTime mtime, Progress progress) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setUseLanguageEncodingFlag(true);
            for (Manifest.Item i : items) {
                TreeEntry e = i.entry();
                int mode = switch (e.type()) {
                    case DIR -> UnixStat.DIR_FLAG | 0755;
                    case SYMLINK -> UnixStat.LINK_FLAG | 0777;
                    default -> UnixStat.FILE_FLAG | (e.executable() ? 0755 : 0644);
                };
                ZipArchiveEntry z = new UnixZipEntry(e.isDir() ? i.path() + "/" : i.path(), mode);
                z.setLastModifiedTime(mtime);
                zip.putArchiveEntry(z);
                if (e.isFile()) {
                    copy(e.hash(), zip);
                } else if (e.isSymlink()) {
                    zip.write(e.target().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeArchiveEntry();
                progress.advance(1);
            }
            zip.finish();
        }
    }

    /**
     * A zip entry made on "Unix": commons-compress turns backslashes in names into slashes for
     * entries of the default (FAT) platform, which would change a name like {@code a\b}.
     */
    private static final class UnixZipEntry extends ZipArchiveEntry {
        UnixZipEntry(String name, int mode) {
            super(name);
            setUnixMode(mode);
            setName(name);
        }
    }

    private void copy(ObjectId id, OutputStream out) throws IOException {
        try (InputStream in = store.open(id)) {
            in.transferTo(out);
        }
    }
}
