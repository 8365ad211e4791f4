package dev.omni.cli;

import dev.omni.cli.commands.SnapshotCommand;
import dev.omni.cli.commands.StatusCommand;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code omni status} and {@code omni snapshot} without picocli. They are what every agent hook and
 * editor integration runs, often several times a turn, and building picocli's model (its classes,
 * annotation proxies, converters) cost them more than a third of a run that finds nothing changed.
 * Only the plain forms are taken here: the global options, and each command's own options spelled
 * out in full or short ({@code -m MSG}, {@code --message=MSG}). Anything else — help, an unknown or
 * repeated option, a value that looks like an option — goes to picocli, which parses it (or
 * explains the mistake) as for every other command. A test checks that both parse alike.
 */
final class QuickPath {
    private QuickPath() {
    }

    /** A command ready to run, and the global options given with it. */
    record Parsed(String name, BaseCommand command, Path home, boolean quiet, boolean verbose) {
    }

    /** The command {@code args} ask for, or null when picocli must parse them. */
    static Parsed parse(String... args) {
        String sub = null;
        Path home = null;
        boolean quiet = false;
        boolean verbose = false;
        boolean json = false;
        boolean exitCode = false;
        boolean allowEmpty = false;
        String message = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            String name = a;
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!a.startsWith("-")) {
                if (sub != null || !(a.equals("status") || a.equals("snapshot"))) {
                    return null;
                }
                sub = a;
                continue;
            }
            String key = canonical(name);
            if (key == null || !seen.add(key)) {
                return null;
            }
            boolean takesValue = key.equals("--home") || key.equals("--message");
            if (takesValue && value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                    return null;
                }
                value = args[++i];
            } else if (!takesValue && value != null) {
                return null;
            }
            switch (key) {
                case "--home" -> home = Path.of(value);
                case "--quiet" -> quiet = true;
                case "--verbose" -> verbose = true;
                case "--json" -> json = true;
                case "--exit-code" -> exitCode = true;
                case "--allow-empty" -> allowEmpty = true;
                case "--message" -> message = value;
                default -> {
                    return null;
                }
            }
        }
        if (sub == null) {
            return null;
        }
        BaseCommand cmd;
        if (sub.equals("status")) {
            if (allowEmpty || message != null) {
                return null;
            }
            cmd = StatusCommand.of(json, exitCode);
        } else {
            if (exitCode) {
                return null;
            }
            cmd = SnapshotCommand.of(message, allowEmpty, json);
        }
        return new Parsed(sub, cmd, home, quiet, verbose);
    }

    private static String canonical(String option) {
        return switch (option) {
            case "--home" -> "--home";
            case "-q", "--quiet" -> "--quiet";
            case "-v", "--verbose" -> "--verbose";
            case "--json" -> "--json";
            case "--exit-code" -> "--exit-code";
            case "--allow-empty" -> "--allow-empty";
            case "-m", "--message" -> "--message";
            default -> null;
        };
    }
}
