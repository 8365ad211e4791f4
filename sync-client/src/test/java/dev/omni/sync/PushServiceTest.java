package dev.omni.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.SyncState;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.workspace.Workspace;
import dev.omni.sync.client.ServerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing to the real server through a network that fails where the test says: a push resumes, it never starts over. */
class PushServiceTest {
    @TempDir
    Path dir;
    SyncWorld world;
    Omni laptop;

    @BeforeEach
    void start() {
        world = new SyncWorld(dir);
        laptop = world.machine("laptop");
    }

    @AfterEach
    void stop() {
        laptop.close();
        world.close();
    }

    /** Every object the snapshot reaches: its trees and its files. */
    private static Set<ObjectId> objectsOf(Omni omni, Workspace w) {
        ObjectId root = new SnapshotService(omni).get(w.currentSnapshot()).manifestHash();
        Set<ObjectId> out = new LinkedHashSet<>();
        walk(new StoreTrees(omni.objects()), root, out);
        return out;
    }

    private static void walk(StoreTrees trees, ObjectId tree, Set<ObjectId> out) {
        out.add(tree);
        for (TreeEntry e : trees.tree(tree, "").entries()) {
            if (e.isDir()) {
                walk(trees, e.hash(), out);
            } else if (e.isFile()) {
                out.add(e.hash());
            }
        }
    }

    /** Which of {@code ids} the server lacks, asked through a network that works. */
    private List<ObjectId> missingOnServer(Set<ObjectId> ids) {
        ServerClient asker = world.client(new FlakyHttp(), 5_000);
        List<ObjectId> all = new ArrayList<>(ids);
        List<ObjectId> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 10_000) {
            missing.addAll(asker.missing(all.subList(i, Math.min(all.size(), i + 10_000))));
        }
        return missing;
    }

    private String serverHead(Workspace w) {
        var r = world.server.client(world.server.login(world.ann)).get("/v1/workspaces/" + w.id());
        return r.status() == 200 ? (String) r.json().get("current_snapshot_id") : null;
    }

    @Test
    void anInterruptedPushResumesWithoutSendingAgainWhatArrived() {
        Workspace ws = SyncWorld.workspace(laptop, "app", 2500);
        Set<ObjectId> all = objectsOf(laptop, ws);
        FlakyHttp net = new FlakyHttp();
        ServerClient client = world.client(net, 0);
        // The network goes down once the first batch of objects has arrived (the others go in parallel).
        net.refuseAllButFirst(r -> r.uri().getPath().endsWith("/objects/batch"));

        assertThatThrownBy(() -> new PushService(laptop, client, Progress.NONE).push(ws))
                .isInstanceOf(OmniException.class).extracting(e -> ((OmniException) e).kind()).isEqualTo(OmniException.Kind.NETWORK);
        List<ObjectId> missing = missingOnServer(all);
        assertThat(net.delivered()).as("one batch arrived").filteredOn(s -> s.endsWith("/objects/batch")).hasSize(1);
        assertThat(missing).as("the push stopped half way: some objects arrived, some did not").isNotEmpty().hasSizeLessThan(all.size());
        assertThat(serverHead(ws)).isNull();

        PushService.Result resumed = new PushService(laptop, world.client(net.heal(), 5_000), Progress.NONE).push(ws);
        assertThat(resumed.objectsSent()).as("only what had not arrived").isEqualTo(missing.size());
        assertThat(resumed.objectsSkipped()).isEqualTo(all.size() - missing.size());
        assertThat(resumed.snapshots()).isEqualTo(1);
        assertThat(missingOnServer(all)).isEmpty();
        assertThat(serverHead(ws)).isEqualTo(ws.currentSnapshot().value());
    }

    @Test
    void aPushCutOffAfterItsObjectsSendsNoObjectAgain() {
        Workspace ws = SyncWorld.workspace(laptop, "app", 30);
        FlakyHttp net = new FlakyHttp().refuse(FlakyHttp.is("PUT", "/snapshots/"));
        assertThatThrownBy(() -> new PushService(laptop, world.client(net, 0), Progress.NONE).push(ws))
                .isInstanceOf(OmniException.class);
        assertThat(net.delivered()).anyMatch(s -> s.endsWith("/objects/batch")).noneMatch(s -> s.contains("/snapshots/"));

        PushService.Result resumed = new PushService(laptop, world.client(net.heal(), 5_000), Progress.NONE).push(ws);
        assertThat(resumed.objectsSent()).isZero();
        assertThat(resumed.objectsSkipped()).isEqualTo(objectsOf(laptop, ws).size());
        assertThat(resumed.snapshots()).isEqualTo(1);
        assertThat(serverHead(ws)).isEqualTo(ws.currentSnapshot().value());
    }

    @Test
    void aHeadMoveWhoseAnswerWasLostIsRecognisedAsOurOwnNextTime() {
        Workspace ws = SyncWorld.workspace(laptop, "app", 5);
        FlakyHttp net = new FlakyHttp().loseAnswer(r -> r.method().equals("POST") && r.uri().getPath().endsWith("/head"));
        assertThatThrownBy(() -> new PushService(laptop, world.client(net, 0), Progress.NONE).push(ws))
                .isInstanceOf(OmniException.class);
        // The server moved the head; this machine does not know it did.
        assertThat(serverHead(ws)).isEqualTo(ws.currentSnapshot().value());
        assertThat(new SyncState(laptop, world.server.baseUrl()).head(ws.id())).isEmpty();

        PushService.Result again = new PushService(laptop, world.client(net.heal(), 5_000), Progress.NONE).push(ws);
        assertThat(again.snapshots()).isZero();
        assertThat(again.objectsSent()).isZero();
        assertThat(again.version()).isPositive();
        assertThat(new SyncState(laptop, world.server.baseUrl()).head(ws.id())).map(SyncState.Head::snapshot)
                .contains(ws.currentSnapshot().value());
    }
}
