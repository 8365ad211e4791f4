package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --help} shows a newcomer: a one-line summary per command, every exit code. */
class HelpTextTest {
    private static final Pattern ENTRY = Pattern.compile("^  (\\S+)\\s+(.*)$");

    @TempDir
    Path dir;

    /** The command list of {@code omni ARGS --help}: each entry's lines, the first holding its name. */
    private List<List<String>> commandList(Cli omni, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        Cli.Result r = omni.run(dir, args.toArray(String[]::new));
        assertThat(r.code()).as(String.join(" ", args)).isZero();
        List<List<String>> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : r.out().split("\n", -1)) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList) {
                if (ENTRY.matcher(line).matches()) {
                    entries.add(new ArrayList<>(List.of(line)));
                } else {
                    entries.get(entries.size() - 1).add(line);
                }
            }
        }
        return entries;
    }

    private void checkSummaries(Cli omni, List<String> command, List<String> seen) {
        for (List<String> entry : commandList(omni, command)) {
            Matcher m = ENTRY.matcher(entry.get(0));
            assertThat(m.matches()).isTrue();
            String name = m.group(1);
            String where = "omni " + String.join(" ", command) + (command.isEmpty() ? "" : " ") + name;
            seen.add(where);
            assertThat(entry).as(where + ": a one-line summary").hasSize(1);
            assertThat(m.group(2)).as(where + ": a whole sentence").endsWith(".");
            if (!name.equals("help")) {
                List<String> sub = new ArrayList<>(command);
                sub.add(name);
                checkSummaries(omni, sub, seen);
            }
        }
    }

    @Test
    void everyCommandAndSubcommandHasAOneLineSummaryThatIsNotCut() {
        List<String> seen = new ArrayList<>();
        checkSummaries(new Cli(dir.resolve("home")), List.of(), seen);
        assertThat(seen).contains("omni drift", "omni merge", "omni sync", "omni daemon", "omni push", "omni pull",
                "omni daemon install", "omni workspace create", "omni conv import", "omni memory list");
    }

    private static List<Integer> exitCodes() throws IllegalAccessException {
        List<Integer> codes = new ArrayList<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }

    @Test
    void helpAndTheReadmeListEveryExitCode() throws Exception {
        String help = new Cli(dir.resolve("home")).run(dir, "--help").out();
        String footer = help.substring(help.indexOf("Exit codes:"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(exitCodes()).contains(ExitCodes.INTERRUPTED);
        for (int code : exitCodes()) {
            assertThat(footer).as("omni --help").containsPattern("(^|[ ,])" + code + " [a-zI]");
            assertThat(readme).as("README's exit-code table").containsPattern("(?m)^\\| " + code + " \\| \\S");
        }
    }
}
