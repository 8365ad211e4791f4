package dev.omni.core.tree;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lstat}: type and permission bits, size, mtime and ctime in ns, inode.
 *
 * <p>Java's only public way to get ctime and the inode is the attribute-string API, which parses
 * its argument and builds a map for every file (about 40% slower over a 15k-file tree). When the
 * JVM lets us in ({@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, which the launcher passes),
 * the values are read from the {@code PosixFileAttributes} object Java already made; otherwise
 * through the public API. Both give the same numbers.
 */
public record FileStat(int mode, long size, long mtimeNs, long ctimeNs, long inode) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;
    private static final String ATTRS = "unix:mode,ino,size,lastModifiedTime,ctime";

    private static final MethodHandle MODE;
    private static final MethodHandle INO;
    private static final MethodHandle CTIME;

    static {
        MethodHandle mode = null;
        MethodHandle ino = null;
        MethodHandle ctime = null;
        try {
            Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            mode = lookup.findVirtual(c, "mode", MethodType.methodType(int.class));
            ino = lookup.findVirtual(c, "ino", MethodType.methodType(long.class));
            Method ct = c.getDeclaredMethod("ctime");
            ctime = lookup.unreflect(ct);
        } catch (ReflectiveOperationException | RuntimeException e) {
            mode = null;
        }
        if (mode == null || ino == null || ctime == null) {
            MODE = null;
            INO = null;
            CTIME = null;
        } else {
            MODE = mode.asType(MethodType.methodType(int.class, Object.class));
            INO = ino.asType(MethodType.methodType(long.class, Object.class));
            CTIME = ctime.asType(MethodType.methodType(Object.class, Object.class));
        }
    }

    /** Whether the fast path is in use (for tests and the trace). */
    public static boolean fast() {
        return MODE != null;
    }

    public static FileStat lstat(Path p) throws IOException {
        if (MODE != null) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            try {
                int mode = (int) MODE.invokeExact((Object) a);
                long ino = (long) INO.invokeExact((Object) a);
                FileTime ctime = (FileTime) (Object) CTIME.invokeExact((Object) a);
                return new FileStat(mode, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        ctime.to(TimeUnit.NANOSECONDS), ino);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return slow(p);
    }

    /** The public attribute API; same values as {@link #lstat}. */
    static FileStat slow(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
        return new FileStat((Integer) a.get("mode"), (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) a.get("ino"));
    }

    public int type() {
        return mode & S_IFMT;
    }

    public boolean isFile() {
        return type() == S_IFREG;
    }

    public boolean isDir() {
        return type() == S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    public boolean executable() {
        return (mode & 0100) != 0;
    }
}
