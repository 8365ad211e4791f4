package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main repeats each command's name so that start-up need not read every annotation; they must agree. */
class CommandNamesTest {
    @Test
    void registeredNamesMatchTheCommandsOwnNames() {
        for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
            if (e.getValue() == CommandLine.HelpCommand.class) {
                continue;
            }
            Command c = e.getValue().getAnnotation(Command.class);
            assertThat(c).as(e.getValue().getName()).isNotNull();
            assertThat(c.name()).as(e.getValue().getName()).isEqualTo(e.getKey());
        }
    }
}
