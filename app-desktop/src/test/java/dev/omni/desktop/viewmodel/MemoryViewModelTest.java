package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.memory.NextStatus;
import dev.omni.desktop.TestApp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    MemoryViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new MemoryViewModel(t.app);
        vm.setProject(t.seeded.projectId());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void withoutAQueryEveryItemOfTheProjectAndTheGlobalOnesIsListed() {
        assertThat(vm.results()).hasSize(10);
        assertThat(vm.results()).anySatisfy(e -> assertThat(e.meta()).contains("all projects"));
        assertThat(vm.tags()).contains(MemoryViewModel.ALL_TAGS, "pricing", "checkout", "tests");
    }

    @Test
    void typingSearchesWithHighlightedSnippets() {
        vm.queryProperty().set("round");

        assertThat(vm.results()).hasSize(1);
        MemoryViewModel.Entry e = vm.results().get(0);
        assertThat(e.item().type()).isEqualTo(MemoryType.DECISION);
        assertThat(e.snippet()).anySatisfy(h -> {
            assertThat(h.hit()).isTrue();
            assertThat(h.text().toLowerCase()).startsWith("round");
        });
        assertThat(e.item().content()).startsWith("Totals are rounded");
        assertThat(Highlight.plain(e.snippet())).contains("Rounding each line");
    }

    @Test
    void typeAndTagFilterTheResults() {
        vm.typeProperty().set(MemoryType.NEXT_STEP);
        assertThat(vm.results()).hasSize(4).allSatisfy(e -> assertThat(e.item().type()).isEqualTo(MemoryType.NEXT_STEP));
        vm.typeProperty().set(null);
        vm.tagProperty().set("pricing");
        assertThat(vm.results()).extracting(e -> e.item().type()).containsExactlyInAnyOrder(MemoryType.FACT, MemoryType.DECISION);
        vm.queryProperty().set("\"");
        assertThat(vm.results()).isEmpty();
        assertThat(t.notice()).isNull();
    }

    @Test
    void aDecisionIsAddedWithItsRationaleAndCategory() {
        vm.newItem();
        vm.editTypeProperty().set(MemoryType.DECISION);
        vm.editContentProperty().set("Use SQLite for the order store");
        vm.editRationaleProperty().set("One file, no server to run");
        vm.editCategoryProperty().set(DecisionCategory.TECH_CHOICE);
        vm.editTagsProperty().set("storage, #orders");
        vm.save();

        MemoryItem d = new MemoryService(t.omni).list(MemoryFilter.applyingTo(t.seeded.projectId()).withType(MemoryType.DECISION))
                .stream().filter(i -> i.content().startsWith("Use SQLite")).findFirst().orElseThrow();
        assertThat(d.rationale()).isEqualTo("One file, no server to run");
        assertThat(d.category()).isEqualTo(DecisionCategory.TECH_CHOICE);
        assertThat(d.tags()).containsExactly("orders", "storage");
        assertThat(d.projectId()).isEqualTo(t.seeded.projectId());
        assertThat(t.notice()).startsWith("Remembered decision");
        assertThat(vm.results()).anySatisfy(e -> assertThat(e.item().id()).isEqualTo(d.id()));
    }

    @Test
    void choosingAnItemEditsItAndSavingChangesIt() {
        vm.queryProperty().set("seasonal");
        vm.selectedProperty().set(vm.results().get(0));
        assertThat(vm.editContentProperty().get()).startsWith("Cocoa is seasonal");

        vm.editContentProperty().set("Cocoa is seasonal: hide it from October to March.");
        vm.save();

        MemoryItem after = new MemoryService(t.omni).get(vm.results().get(0).item().id());
        assertThat(after.content()).isEqualTo("Cocoa is seasonal: hide it from October to March.");
        assertThat(after.version()).isEqualTo(2);
    }

    @Test
    void theNextStepsBoardMovesCards() {
        NextStepsViewModel board = new NextStepsViewModel(t.app);
        board.setProject(t.seeded.projectId());
        assertThat(board.pending()).extracting(MemoryItem::content).containsExactly("Show the discount on the receipt");
        assertThat(board.started()).extracting(MemoryItem::content)
                .containsExactly("Merge the checkout branch and resolve the cart total conflict", "Add tests for discounts on mixed carts");
        assertThat(board.done()).extracting(MemoryItem::content).containsExactly("Add cocoa to the catalogue");

        board.move(board.pending().get(0), NextStatus.STARTED);
        assertThat(board.pending()).isEmpty();
        assertThat(board.started()).hasSize(3);

        board.newStepProperty().set("Write the release notes");
        board.add();
        assertThat(board.pending()).extracting(MemoryItem::content).containsExactly("Write the release notes");
        assertThat(board.newStepProperty().get()).isEmpty();
    }

    @Test
    void theModeChoiceSearchesByMeaningAndTheSummarySaysHow() {
        t.app.semantic().index(false, dev.omni.core.Progress.NONE, () -> false);
        vm.modeProperty().set(dev.omni.core.search.SearchMode.TEXT);
        vm.queryProperty().set("where do customers type their credit card details?");
        assertThat(vm.results()).isEmpty();

        vm.modeProperty().set(dev.omni.core.search.SearchMode.SEMANTIC);
        assertThat(vm.results()).isNotEmpty();
        assertThat(vm.results().subList(0, Math.min(3, vm.results().size())))
                .anySatisfy(e -> assertThat(e.item().content()).startsWith("Payments go through the card provider's hosted page"));
        assertThat(vm.summaryProperty().get()).contains("by meaning");

        vm.modeProperty().set(null);
        assertThat(vm.summaryProperty().get()).contains("by words and meaning");
    }
}
