package dev.omni.cli;

import dev.omni.cli.commands.ActivityCommand;
import dev.omni.cli.commands.ContextCommand;
import dev.omni.cli.commands.ConvCommand;
import dev.omni.cli.commands.DecideCommand;
import dev.omni.cli.commands.DiffCommand;
import dev.omni.cli.commands.DriftCommand;
import dev.omni.cli.commands.ExportCommand;
import dev.omni.cli.commands.FsckCommand;
import dev.omni.cli.commands.GcCommand;
import dev.omni.cli.commands.ImportCommand;
import dev.omni.cli.commands.InitCommand;
import dev.omni.cli.commands.LogCommand;
import dev.omni.cli.commands.MemoryCommand;
import dev.omni.cli.commands.MergeCommand;
import dev.omni.cli.commands.NextCommand;
import dev.omni.cli.commands.ProjectsCommand;
import dev.omni.cli.commands.RestoreCommand;
import dev.omni.cli.commands.SearchCommand;
import dev.omni.cli.commands.ShowCommand;
import dev.omni.cli.commands.SnapshotCommand;
import dev.omni.cli.commands.StatusCommand;
import dev.omni.cli.commands.WorkspaceCommand;
import dev.omni.cli.commands.WorkspacesCommand;
import dev.omni.core.Env;
import dev.omni.core.OmniException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code omni} command: parses arguments, runs one command, maps failures to exit codes. */
@Command(name = "omni", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Snapshots, drift, merge, memory and conversations for your projects, local-first.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0 ok, 1 failure or differences found, 2 usage, 3 not found, 4 invalid input,",
                  "  5 corrupt store, 6 busy, 7 conflict, 8 I/O or permission, 9 auth, 10 network,",
                  "  130 interrupted (Ctrl-C)"})
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. Only the one being run is built: picocli's model
     * of all commands costs ~100 ms of reflection at start-up, which {@code omni status} should not pay.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        // Names are repeated here (a test checks them against the annotations) so that start-up
        // does not parse every command's annotations.
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("status", StatusCommand.class);
        m.put("snapshot", SnapshotCommand.class);
        m.put("log", LogCommand.class);
        m.put("show", ShowCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("restore", RestoreCommand.class);
        m.put("projects", ProjectsCommand.class);
        m.put("workspaces", WorkspacesCommand.class);
        m.put("workspace", WorkspaceCommand.class);
        m.put("drift", DriftCommand.class);
        m.put("merge", MergeCommand.class);
        m.put("login", dev.omni.cli.commands.LoginCommand.class);
        m.put("logout", dev.omni.cli.commands.LogoutCommand.class);
        m.put("auth", dev.omni.cli.commands.AuthCommand.class);
        m.put("push", dev.omni.cli.commands.PushCommand.class);
        m.put("pull", dev.omni.cli.commands.PullCommand.class);
        m.put("clone", dev.omni.cli.commands.CloneCommand.class);
        m.put("sync", dev.omni.cli.commands.SyncCommand.class);
        m.put("daemon", dev.omni.cli.commands.DaemonCommand.class);
        m.put("config", dev.omni.cli.commands.ConfigCommand.class);
        m.put("gui", dev.omni.cli.commands.GuiCommand.class);
        m.put("activity", ActivityCommand.class);
        m.put("memory", MemoryCommand.class);
        m.put("decide", DecideCommand.class);
        m.put("next", NextCommand.class);
        m.put("context", ContextCommand.class);
        m.put("conv", ConvCommand.class);
        m.put("search", SearchCommand.class);
        m.put("export", ExportCommand.class);
        m.put("import", ImportCommand.class);
        m.put("usage", dev.omni.cli.commands.UsageCommand.class);
        m.put("redact", dev.omni.cli.commands.RedactCommand.class);
        m.put("mcp", dev.omni.cli.commands.McpCommand.class);
        m.put("hooks", dev.omni.cli.commands.HooksCommand.class);
        m.put("hook", dev.omni.cli.commands.HookCommand.class);
        m.put("turns", dev.omni.cli.commands.TurnsCommand.class);
        m.put("rewind", dev.omni.cli.commands.RewindCommand.class);
        m.put("fsck", FsckCommand.class);
        m.put("gc", GcCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("man", ManCommand.class);
        m.put("self-train", TrainCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The omni data directory (default: $OMNI_HOME, else $XDG_DATA_HOME/omni).")
    void setHome(Path home) {
        ctx.setHome(home);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors and warnings.")
    void setQuiet(boolean quiet) {
        ctx.setQuiet(quiet);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Explain more; stack traces on errors.")
    void setVerbose(boolean verbose) {
        ctx.setVerbose(verbose);
    }

    private final Context ctx;

    Main(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    public static void main(String[] args) {
        NativeLibraries.prepare(System.getProperty("omni.native.dir"));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        boolean tty = System.console() != null;
        int code = run(Env.system(), out, err, System.in, System.out, tty, args);
        out.flush();
        err.flush();
        // Else the JVM's exit waits ~300 ms for the HTTP client's selector thread (push, pull, sync, login).
        dev.omni.sync.client.HttpThreads.stopAll();
        System.exit(code);
    }

    /** Runs one {@code omni} invocation; tests call this with their own environment and streams. */
    public static int run(Env env, PrintWriter out, PrintWriter err, InputStream in, boolean interactive, String... args) {
        return run(env, out, err, in, null, interactive, args);
    }

    /** {@code rawOut}: the process's standard output as bytes, for a protocol spoken on it ({@code omni mcp}); may be null. */
    static int run(Env env, PrintWriter out, PrintWriter err, InputStream in, java.io.OutputStream rawOut, boolean interactive,
                   String... args) {
        boolean trace = env.get("OMNI_TRACE") != null;
        long t0 = System.nanoTime();
        try (Context ctx = new Context(env, out, err, in, interactive)) {
            ctx.setEntryPoint(Main.class.getName());
            ctx.setRawOut(rawOut);
            QuickPath.Parsed quick = QuickPath.parse(args);
            if (quick != null) {
                return runQuick(ctx, quick, trace, t0);
            }
            CommandLine cl = commandLine(ctx, subcommandOf(args));
            if (trace) {
                err.printf("[trace] command line built in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            }
            try {
                return cl.execute(args);
            } catch (RuntimeException | Error e) {
                // picocli passes Errors through; they still get one line, not a stack trace.
                return handle(ctx, e instanceof Exception ex ? ex : new RuntimeException(e), null);
            }
        } finally {
            if (trace) {
                err.printf("[trace] command done after %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            }
            out.flush();
            err.flush();
        }
    }

    private static int runQuick(Context ctx, QuickPath.Parsed q, boolean trace, long t0) {
        if (q.home() != null) {
            ctx.setHome(q.home());
        }
        ctx.setQuiet(q.quiet());
        ctx.setVerbose(q.verbose());
        q.command().setContext(ctx);
        if (trace) {
            ctx.err().printf("[trace] command parsed in %.1f ms (without picocli)%n", (System.nanoTime() - t0) / 1e6);
        }
        try {
            return q.command().call();
        } catch (Exception e) {
            return handle(ctx, e, q.name());
        } catch (Error e) {
            return handle(ctx, new RuntimeException(e), q.name());
        }
    }

    /** Commands that describe the others, so all must be built. */
    private static final java.util.Set<String> NEED_ALL = java.util.Set.of("help", "completion", "man");

    /** Build no subcommand at all (for {@code omni --version}). */
    static final String NONE = "";

    /**
     * The subcommand {@code args} name; {@link #NONE} for a bare {@code --version}; null when all
     * must be known (help, no command, an unknown word to suggest alternatives for).
     */
    static String subcommandOf(String... args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                i++;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                return COMMANDS.containsKey(a) && !NEED_ALL.contains(a) ? a : null;
            }
        }
        return version ? NONE : null;
    }

    static CommandLine commandLine(Context ctx, String only) {
        IFactory factory = new IFactory() {
            private final IFactory fallback = CommandLine.defaultFactory();

            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == Main.class) {
                    return cls.cast(new Main(ctx));
                }
                K k = fallback.create(cls);
                if (k instanceof BaseCommand b) {
                    b.setContext(ctx);
                }
                return k;
            }
        };
        CommandLine cl = new CommandLine(Main.class, factory);
        for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), new CommandLine(e.getValue(), factory));
            }
        }
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ctx, ex, commandName(commandLine)));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("omni: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, e)) {
                e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** The subcommand as typed after {@code omni} ("clone", "workspace create"). */
    private static String commandName(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName();
        return q.startsWith("omni ") ? q.substring(5) : q;
    }

    /** One line for the error, its remedy worded for the command line ({@code command}: what ran, may be null). */
    static int handle(Context ctx, Exception ex, String command) {
        Throwable t = ex;
        if (t instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        if (t.getClass() == RuntimeException.class && t.getCause() instanceof Error err) {
            t = err;
        }
        int code;
        String message;
        if (t instanceof OmniException oe) {
            code = ExitCodes.of(oe.kind());
            message = Remedies.message(oe, command);
        } else if (t instanceof java.nio.file.AccessDeniedException ad) {
            code = ExitCodes.IO;
            message = "permission denied: " + ad.getFile();
        } else if (t instanceof java.nio.file.NoSuchFileException nf) {
            code = ExitCodes.NOT_FOUND;
            message = "no such file or directory: " + nf.getFile();
        } else if (t instanceof java.io.IOException io) {
            code = ExitCodes.IO;
            message = io.getMessage();
        } else if (t instanceof InterruptedException) {
            code = ExitCodes.INTERRUPTED;
            message = "interrupted";
        } else {
            code = ExitCodes.FAILURE;
            message = "internal error: " + t + (ctx.verbose() ? "" : " (run with --verbose for details)");
        }
        ctx.err().println("omni: error: " + message);
        if (ctx.verbose()) {
            ex.printStackTrace(ctx.err());
        }
        ctx.err().flush();
        return code;
    }

    /** Prints the version of omni and of the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"omni " + (v == null ? "dev" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
