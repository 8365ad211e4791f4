package dev.omni.desktop.app;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.desktop.viewmodel.DaemonSwitch;
import dev.omni.sync.daemon.DaemonControl;
import java.util.List;
import java.util.Optional;

/**
 * {@link DaemonSwitch} on {@link DaemonControl}: starts {@code omni daemon run} through the
 * {@code omni} launcher ({@code $OMNI_LAUNCHER}, which both launchers export), as
 * {@code omni daemon start} does.
 */
public final class ProcessDaemon implements DaemonSwitch {
    private final Omni omni;

    public ProcessDaemon(Omni omni) {
        this.omni = omni;
    }

    @Override
    public Optional<Long> running() {
        return new DaemonControl(omni).running();
    }

    @Override
    public long start() {
        String launcher = omni.env().get("OMNI_LAUNCHER");
        String packaged = System.getProperty("jpackage.app-path");
        if (launcher == null && packaged != null) {
            // Installed from the package: the omni command is the launcher beside this one.
            java.nio.file.Path beside = java.nio.file.Path.of(packaged).resolveSibling("omni");
            launcher = java.nio.file.Files.isExecutable(beside) ? beside.toString() : null;
        }
        if (launcher == null) {
            throw OmniException.notFound("cannot find the omni command to start the daemon; start the app with 'omni gui' or"
                    + " ./omni-desktop, or run 'omni daemon start' yourself");
        }
        return new DaemonControl(omni).start(List.of(launcher, "--home", omni.home().root().toString(), "daemon", "run"));
    }

    @Override
    public boolean stop() {
        return new DaemonControl(omni).stop();
    }
}
