package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void dataWithAndWithoutSpace() throws IOException {
        assertThat(read("data: one\n\ndata:two\n\ndata:  three\n\n"))
                .containsExactly(event("one"), event("two"), event(" three"));
    }

    @Test
    void multipleDataLinesAreJoined() throws IOException {
        assertThat(read("data: a\ndata: b\n\n")).containsExactly(event("a\nb"));
    }

    @Test
    void crlfAndLoneCrEndLines() throws IOException {
        assertThat(read("data: a\r\n\r\ndata: b\r\rdata: c\n\n"))
                .containsExactly(event("a"), event("b"), event("c"));
    }

    @Test
    void commentsAndUnknownFieldsAreSkipped() throws IOException {
        assertThat(read(": ping\n\nid: 7\nretry: 100\ndata: x\n\n")).containsExactly(event("x"));
    }

    @Test
    void eventNameIsKeptAndReset() throws IOException {
        assertThat(read("event: error\ndata: boom\n\ndata: ok\n\n"))
                .containsExactly(new SseReader.Event("error", "boom"), event("ok"));
    }

    @Test
    void pendingEventAtEndIsReturned() throws IOException {
        assertThat(read("data: a\n\ndata: [DONE]")).containsExactly(event("a"), event("[DONE]"));
    }

    @Test
    void emptyStreamHasNoEvents() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n: only a comment\n\n")).isEmpty();
    }

    @Test
    void multiByteTextSurvives() throws IOException {
        assertThat(read("data: 你好 😊\n\n")).containsExactly(event("你好 😊"));
    }

    private static SseReader.Event event(String data) {
        return new SseReader.Event("message", data);
    }

    private static List<SseReader.Event> read(String stream) throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8(stream));
        List<SseReader.Event> events = new ArrayList<>();
        for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }
}
