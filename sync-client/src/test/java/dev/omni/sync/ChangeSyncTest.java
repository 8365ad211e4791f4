package dev.omni.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change exchange against the real server: every change reaches the other machine once, however often it travels. */
class ChangeSyncTest {
    @TempDir
    Path dir;
    SyncWorld world;
    Omni laptop;
    Omni desktop;

    @BeforeEach
    void start() {
        world = new SyncWorld(dir);
        laptop = world.machine("laptop");
        desktop = world.machine("desktop");
    }

    @AfterEach
    void stop() {
        laptop.close();
        desktop.close();
        world.close();
    }

    private static void remember(Omni omni, String... facts) {
        for (String f : facts) {
            new MemoryService(omni).add(MemoryService.NewItem.of(null, MemoryType.FACT, f));
        }
    }

    private static int memories(Omni omni) {
        return new MemoryService(omni).list(MemoryFilter.all()).size();
    }

    private ChangeSync.Result exchange(Omni omni) {
        return new ChangeSync(omni, world.client(new FlakyHttp(), 5_000), Warnings.IGNORE).exchange();
    }

    @Test
    void theOtherMachinesChangesArriveOnceAndASecondExchangeChangesNothing() {
        remember(laptop, "The API listens on 8080", "Builds run on Java 17", "Releases are tagged vX.Y");

        assertThat(exchange(laptop).pushed()).isEqualTo(3);
        assertThat(new Outbox(laptop).unpushed()).as("acknowledged changes leave the outbox").isZero();
        ChangeSync.Result got = exchange(desktop);
        assertThat(got.received()).isEqualTo(3);
        assertThat(got.applied()).isEqualTo(3);
        assertThat(memories(desktop)).isEqualTo(3);

        ChangeSync.Result again = exchange(desktop);
        assertThat(again.received()).isZero();
        assertThat(exchange(laptop).pushed()).isZero();
        assertThat(memories(desktop)).isEqualTo(3);
        assertThat(new Outbox(desktop).unpushed()).as("applying the others' changes queues nothing").isZero();
    }

    @Test
    void changesWhoseAcknowledgementWasLostGoAgainAndAreKeptOnce() {
        remember(laptop, "The API listens on 8080", "Builds run on Java 17");
        FlakyHttp net = new FlakyHttp().loseAnswer(FlakyHttp.is("POST", "/changes"));

        assertThatThrownBy(() -> new ChangeSync(laptop, world.client(net, 0), Warnings.IGNORE).exchange())
                .isInstanceOfSatisfying(OmniException.class, e -> assertThat(e.kind()).isEqualTo(OmniException.Kind.NETWORK));
        assertThat(net.delivered()).as("the server got them").contains("POST /v1/changes");
        assertThat(new Outbox(laptop).unpushed()).as("unacknowledged, they wait").isEqualTo(2);

        assertThat(new ChangeSync(laptop, world.client(net.heal(), 5_000), Warnings.IGNORE).exchange().pushed()).isEqualTo(2);
        assertThat(new Outbox(laptop).unpushed()).isZero();
        ChangeSync.Result got = exchange(desktop);
        assertThat(got.received()).as("each change once on the server").isEqualTo(2);
        assertThat(got.applied()).isEqualTo(2);
        assertThat(memories(desktop)).isEqualTo(2);
    }

    @Test
    void readingTheFeedFromTheStartAgainAppliesNothingTwice() {
        remember(laptop, "The API listens on 8080", "Builds run on Java 17");
        exchange(laptop);
        assertThat(exchange(desktop).applied()).isEqualTo(2);

        // The desktop forgets where it read up to (a restored backup, say): the inbox still knows.
        desktop.db().write(c -> Database.update(c, "DELETE FROM sync_cursors WHERE name = 'changes'"));
        ChangeSync.Result again = exchange(desktop);
        assertThat(again.received()).isEqualTo(2);
        assertThat(again.applied()).isZero();
        assertThat(again.outcomes().get(Applied.UNCHANGED)).isEqualTo(2);
        assertThat(memories(desktop)).isEqualTo(2);
    }
}
