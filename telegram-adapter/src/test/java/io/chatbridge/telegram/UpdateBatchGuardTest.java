package io.chatbridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** What TelegramBots does with one unreadable update in a batch, and how the guard prevents it. */
class UpdateBatchGuardTest {

    private final UpdateBatchGuard guard = new UpdateBatchGuard();
    private final GetUpdates getUpdates = GetUpdates.builder().build();

    private static String batch(String... updates) {
        return "{\"ok\":true,\"result\":[" + String.join(",", updates) + "]}";
    }

    private static String good(int updateId) {
        return Fixtures.read("telegram/private_text.json").replace("900000001", String.valueOf(updateId));
    }

    private static final String WRONG_TYPE = "{\"update_id\":7,\"message\":{\"message_id\":\"not a number\"}}";

    @Test
    void libraryFailsWholeBatchOnOneUnreadableUpdate() {
        assertThatThrownBy(() -> getUpdates.deserializeResponse(batch(good(6), WRONG_TYPE, good(8))))
                .isInstanceOf(TelegramApiRequestException.class)
                .hasMessage("Unable to deserialize response");
    }

    @Test
    void unreadableUpdateIsReplacedByItsIdAlone() throws Exception {
        List<Update> updates = getUpdates.deserializeResponse(guard.clean(batch(good(6), WRONG_TYPE, good(8))));

        assertThat(updates).extracting(Update::getUpdateId).containsExactly(6, 7, 8);
        assertThat(updates.get(1).getMessage()).isNull();
        assertThat(updates.get(2).getMessage().getText()).isEqualTo("Say this is a test!");
        assertThat(guard.takeProblem(7)).isEqualTo("message.message_id: InvalidFormatException");
        assertThat(guard.takeProblem(7)).isNull();
        assertThat(guard.takeProblem(6)).isNull();
    }

    @Test
    void updateWithoutIdIsRemoved() throws Exception {
        String body = batch(good(6), "{\"message\":{\"message_id\":3}}", "{\"update_id\":\"8\"}", "[1]", good(9));

        List<Update> updates = getUpdates.deserializeResponse(guard.clean(body));

        assertThat(updates).extracting(Update::getUpdateId).containsExactly(6, 9);
    }

    @Test
    void readableBatchIsLeftUnchanged() {
        String body = batch(good(6), "{\"update_id\":7,\"edited_message\":{\"message_id\":3,\"date\":1,"
                + "\"chat\":{\"id\":1,\"type\":\"private\"}}}");

        assertThat(guard.clean(body)).isSameAs(body);
    }

    @Test
    void errorAndNonJsonBodiesAreLeftUnchanged() {
        String error = "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}";
        String html = "<html>Bad Gateway</html>";

        assertThat(guard.clean(error)).isSameAs(error);
        assertThat(guard.clean(html)).isSameAs(html);
    }
}
