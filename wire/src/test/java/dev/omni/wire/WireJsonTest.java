package dev.omni.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireJsonTest {
    private static final String ID = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    static Stream<Object> bodies() {
        return Stream.of(
                new ProjectRequest("app", "01J0000000000000000000000W"),
                new ProjectList(List.of(new ProjectView("01J0000000000000000000000P", "app", null, "snap-01J00000000000000000000001",
                        "2026-11-21T10:15:30Z", "2026-11-21T10:15:31Z"))),
                new WorkspaceRequest("01J0000000000000000000000P", "main", "machine", "/home/ann/app", null),
                new WorkspaceList(List.of(new WorkspaceView("01J0000000000000000000000W", "01J0000000000000000000000P", "main",
                        "machine", null, null, "snap-01J00000000000000000000001", 3, null, "2026-11-21T10:15:30Z",
                        "2026-11-21T10:15:30Z"))),
                new SnapshotRequest("01J0000000000000000000000P", null, ID, List.of("snap-01J00000000000000000000001"), "msg",
                        "cli", "ann", "2026-11-21T10:15:30Z", 12L, 3456L),
                new SnapshotPage(List.of(new SnapshotView("snap-01J00000000000000000000002", "01J0000000000000000000000P",
                        "01J0000000000000000000000W", ID, List.of(), null, "daemon", "ann", "2026-11-21T10:15:30+01:00", 1, 2,
                        "2026-11-21T09:15:31Z", "7")), "7", false),
                new HeadRequest("snap-01J00000000000000000000002", 0L),
                new HeadView("01J0000000000000000000000W", "snap-01J00000000000000000000002", 4),
                new MissingRequest(List.of(ID)),
                new MissingResponse(List.of()),
                ObjectStatus.of(ID, ObjectStatus.STORED),
                new BatchResponse(BatchResponse.HASH_MISMATCH, "1 of 2", 1, 0, 1, List.of(ObjectStatus.of(ID, ObjectStatus.STORED),
                        new ObjectStatus(ID, ObjectStatus.REJECTED, BatchResponse.HASH_MISMATCH, "does not hash to its id"))),
                new ChangesRequest("01J0000000000000000000000D", List.of(new ChangesRequest.Change(1L, "memory", "01J0000000000000000000000M",
                        "upsert", RawJson.of("{\"content\":\"x\",\"tags\":[\"a\"]}"), "2026-11-21T10:15:30Z"))),
                new ChangesAck("01J0000000000000000000000D", 41),
                new ChangePage(List.of(new ChangeView("01J0000000000000000000000D", 2, "message", "m1", "insert",
                        RawJson.of("{\"n\":1.5}"), "2026-11-21T10:15:30Z", "12")), "12", true),
                new ActivityPage(List.of(new ActivityView("3", "snapshot.pushed", "01J0000000000000000000000P", null, null, "ann",
                        "pushed", "2026-11-21T10:15:30Z")), null, false),
                new UserView("01J0000000000000000000000U", "ann@example.org", "Ann"),
                new ServerMetadata("http://127.0.0.1:1", "http://127.0.0.1:1/oauth/device_authorization", "http://127.0.0.1:1/oauth/token",
                        List.of(ServerMetadata.DEVICE_GRANT), List.of(), List.of("none"), ServerMetadata.API_BASE),
                new DeviceAuthorization("dc", "WDJB-MJHT", "http://x/device", "http://x/device?user_code=WDJB-MJHT", 900, 5),
                new TokenResponse("token", "Bearer", 7_776_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void everyBodyReadsBackAsWhatWasWritten(Object body) throws Exception {
        byte[] json = WireJson.write(body);
        assertThat(WireJson.read(json, body.getClass())).isEqualTo(body);
    }

    @Test
    void namesAreSnakeCaseAndNullsAreWrittenOut() throws Exception {
        JsonNode j = WireJson.tree(WireJson.write(new SnapshotRequest("p", null, ID, List.of(), null, "cli", null,
                "2026-11-21T10:15:30Z", 1L, 2L)));
        assertThat(j.fieldNames()).toIterable().containsExactly("project_id", "workspace_id", "manifest_hash", "parents",
                "message", "source", "author", "created_at", "files", "bytes");
        assertThat(j.get("workspace_id").isNull()).isTrue();
    }

    @Test
    void aBatchAnswerWithoutRejectionsCarriesNoErrorAndOnlyRejectedResultsCarryOne() throws Exception {
        JsonNode ok = WireJson.tree(WireJson.write(new BatchResponse(null, null, 1, 0, 0, List.of(ObjectStatus.of(ID, "stored")))));
        assertThat(ok.fieldNames()).toIterable().containsExactly("stored", "existing", "rejected", "results");
        assertThat(ok.get("results").get(0).fieldNames()).toIterable().containsExactly("id", "status");
    }

    @Test
    void unknownFieldsAreIgnoredSoThatNewerPeersKeepWorking() throws Exception {
        HeadView h = WireJson.read("{\"workspace_id\":\"w\",\"snapshot_id\":\"s\",\"version\":2,\"new_field\":[1]}"
                .getBytes(StandardCharsets.UTF_8), HeadView.class);
        assertThat(h).isEqualTo(new HeadView("w", "s", 2));
    }

    @Test
    void malformedJsonAndAMissingRequiredNumberAreRefused() {
        assertThatThrownBy(() -> WireJson.read("{\"workspace_id\":".getBytes(StandardCharsets.UTF_8), HeadView.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> WireJson.read("{\"workspace_id\":\"w\",\"version\":null}".getBytes(StandardCharsets.UTF_8),
                HeadView.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void rawDataIsWrittenAsItIsAndReadAsATree() throws Exception {
        String text = "{\"b\":1,\"a\":[true,null,\"x\"]}";
        ChangesRequest.Change c = new ChangesRequest.Change(7L, "memory", "e", "upsert", RawJson.of(text), "t");
        String json = WireJson.writeString(c);
        assertThat(json).contains("\"data\":" + text);
        ChangesRequest.Change back = WireJson.read(json.getBytes(StandardCharsets.UTF_8), ChangesRequest.Change.class);
        assertThat(back.data().tree().get("a").get(2).asText()).isEqualTo("x");
        assertThat(back.data().text()).isEqualTo(text);
    }

    @Test
    void nullDataIsTheJsonValueNullAndMissingDataIsNoValue() throws Exception {
        ChangesRequest.Change explicit = WireJson.read("{\"seq\":1,\"data\":null}".getBytes(StandardCharsets.UTF_8),
                ChangesRequest.Change.class);
        assertThat(explicit.data().text()).isEqualTo("null");
        ChangesRequest.Change absent = WireJson.read("{\"seq\":1}".getBytes(StandardCharsets.UTF_8), ChangesRequest.Change.class);
        assertThat(absent.data()).isNull();
        assertThat(absent.seq()).isEqualTo(1L);
        assertThat(WireJson.read("{}".getBytes(StandardCharsets.UTF_8), ChangesRequest.Change.class).seq()).isNull();
    }

    @Test
    void metadataSaysWhetherTheServerOffersTheDeviceLogin() {
        ServerMetadata full = new ServerMetadata("i", "d", "t", List.of(ServerMetadata.DEVICE_GRANT), List.of(), List.of(), "/v1");
        assertThat(full.offersDeviceLogin()).isTrue();
        assertThat(new ServerMetadata("i", "d", "t", List.of("password"), List.of(), List.of(), "/v1").offersDeviceLogin()).isFalse();
        assertThat(new ServerMetadata("i", "d", "t", List.of(ServerMetadata.DEVICE_GRANT), List.of(), List.of(), null)
                .offersDeviceLogin()).isFalse();
    }

    @Test
    void contentTypesMatchWithParametersAndInAnyCase() {
        assertThat(MediaTypes.is("Application/VND.omni.objects-batch; v=1", MediaTypes.OBJECTS_BATCH)).isTrue();
        assertThat(MediaTypes.is("application/octet-stream", MediaTypes.OBJECTS_BATCH)).isFalse();
        assertThat(MediaTypes.is(null, MediaTypes.JSON)).isFalse();
    }
}
