package dev.omni.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

/**
 * Writes man pages (troff) generated from picocli's model of the commands: omni(1) and one page per
 * subcommand, omni-snapshot(1) and so on.
 */
@Command(name = "man", description = "Write the man pages (omni.1, omni-<command>.1) into a directory.")
public final class ManCommand extends BaseCommand {
    @Option(names = {"-o", "--outdir"}, paramLabel = "DIR", defaultValue = "man", description = "Where to write (default: ./man).")
    Path outdir;

    @Override
    protected int run() throws IOException {
        Path dir = ctx.env().cwd().resolve(outdir);
        Files.createDirectories(dir);
        CommandSpec root = spec.root();
        int n = write(dir, root, "omni");
        for (CommandLine sub : root.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                n += write(dir, sub.getCommandSpec(), "omni-" + sub.getCommandName());
            }
        }
        ctx.say("wrote " + n + " man pages to " + dir);
        return ExitCodes.OK;
    }

    private int write(Path dir, CommandSpec cmd, String page) throws IOException {
        Path f = dir.resolve(page + ".1");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8))) {
            render(w, cmd, page);
        }
        return 1;
    }

    static void render(PrintWriter w, CommandSpec cmd, String page) {
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        w.println(".TH \"" + page.toUpperCase() + "\" \"1\" \"" + date + "\" \"omni\" \"omni Manual\"");
        w.println(".SH NAME");
        String[] desc = cmd.usageMessage().description();
        w.println(esc(page) + " \\- " + esc(desc.length > 0 ? desc[0] : ""));
        w.println(".SH SYNOPSIS");
        w.println(".B " + esc(cmd.qualifiedName()));
        for (OptionSpec o : cmd.options()) {
            if (!o.hidden()) {
                w.println("[" + esc(o.longestName()) + (o.arity().max() > 0 ? " " + esc(o.paramLabel()) : "") + "]");
            }
        }
        for (PositionalParamSpec p : cmd.positionalParameters()) {
            w.println(esc(p.paramLabel()) + (p.arity().max() > 1 ? "..." : ""));
        }
        if (desc.length > 1) {
            w.println(".SH DESCRIPTION");
            for (int i = 1; i < desc.length; i++) {
                w.println(esc(desc[i]));
                w.println(".PP");
            }
        }
        if (!cmd.options().isEmpty()) {
            w.println(".SH OPTIONS");
            for (OptionSpec o : cmd.options()) {
                if (o.hidden()) {
                    continue;
                }
                w.println(".TP");
                w.println("\\fB" + esc(String.join(", ", o.names())) + "\\fR" + (o.arity().max() > 0 ? " \\fI" + esc(o.paramLabel()) + "\\fR" : ""));
                w.println(esc(String.join(" ", o.description())));
            }
        }
        if (!cmd.subcommands().isEmpty()) {
            w.println(".SH COMMANDS");
            for (var e : cmd.subcommands().entrySet()) {
                CommandSpec s = e.getValue().getCommandSpec();
                if (s.usageMessage().hidden()) {
                    continue;
                }
                w.println(".TP");
                w.println("\\fB" + esc(e.getKey()) + "\\fR");
                String[] d = s.usageMessage().description();
                w.println(esc(d.length > 0 ? d[0] : ""));
            }
        }
        List<String> footer = List.of(cmd.usageMessage().footer());
        if (!footer.isEmpty()) {
            w.println(".SH EXIT STATUS");
            for (String line : footer) {
                w.println(esc(line.trim()));
                w.println(".br");
            }
        }
    }

    private static String esc(String s) {
        String t = s.replace("\\", "\\\\").replace("-", "\\-").replace("%n", " ");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
