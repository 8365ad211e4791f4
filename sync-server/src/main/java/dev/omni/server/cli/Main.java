package dev.omni.server.cli;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code omni-server}: {@code serve} and the {@code user} admin commands. Errors a user can cause
 * become one line on stderr and an exit code (see {@link #EXIT_CODES}); stack traces only for
 * bugs.
 */
@Command(name = "omni-server", mixinStandardHelpOptions = true, version = "omni-server 0.1.0",
        description = "The omni sync server: accounts, device-code login and the sync API.",
        subcommands = {ServeCommand.class, UserCommand.class, VerifyCommand.class, GcCommand.class,
            MigrateCommand.class})
public final class Main implements Runnable {
    /** Exit codes, matching the omni command's table where they overlap. */
    static final Map<ErrorCode, Integer> EXIT_CODES = Map.of(ErrorCode.BAD_REQUEST, 4, ErrorCode.NOT_FOUND, 3,
            ErrorCode.CONFLICT, 7);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.in, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line; returns the exit code. The streams are injected so that tests can embed it. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, String... args) {
        CommandLine cl = new CommandLine(new Main(), new Factory(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ServerException se) {
                err.println("omni-server: " + se.getMessage());
                return EXIT_CODES.getOrDefault(se.code(), 1);
            }
            err.println("omni-server: " + e.getMessage());
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
                e.printStackTrace(err);
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** The default data directory: $OMNI_SERVER_DATA, else $XDG_DATA_HOME/omni-server, else ~/.local/share/omni-server. */
    static Path defaultDataDir(Map<String, String> env) {
        String d = env.get("OMNI_SERVER_DATA");
        if (d != null && !d.isEmpty()) {
            return Path.of(d);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "omni-server");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "omni-server");
    }

    /** Hands stdin to the commands that read a password from it. */
    private static final class Factory implements CommandLine.IFactory {
        private final InputStream in;

        Factory(InputStream in) {
            this.in = in;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == UserCommand.Add.class) {
                return cls.cast(new UserCommand.Add(in));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
