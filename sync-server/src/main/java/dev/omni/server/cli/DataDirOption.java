package dev.omni.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command. */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $OMNI_SERVER_DATA, else $XDG_DATA_HOME/omni-server, else ~/.local/share/omni-server).")
    Path data;

    Path resolve() {
        return data != null ? data : Main.defaultDataDir(System.getenv());
    }
}
