package io.chatbridge.discord;

import io.chatbridge.config.DiscordSettings;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.testing.FakeDiscordServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** A running fake Discord and, once started, a real adapter connected to it. */
final class DiscordTestBed implements AutoCloseable {

    /** The bound on every wait in these tests. */
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeDiscordServer fake;
    private DiscordAdapter adapter;

    DiscordTestBed() throws IOException {
        fake = FakeDiscordServer.start();
    }

    DiscordSettings settings(Set<String> answerAllChannels) {
        return settings(answerAllChannels, Set.of());
    }

    DiscordSettings settings(Set<String> answerAllChannels, Set<String> threadPerQuestionChannels) {
        return new DiscordSettings(FakeDiscordServer.BOT_TOKEN, fake.apiUrl(), fake.gatewayUrl(), null,
                answerAllChannels, threadPerQuestionChannels);
    }

    /** Starts an adapter with no "answer everything" channels and waits until it is ready. */
    DiscordAdapter start(MessageHandler handler) throws Exception {
        return start(handler, Set.of());
    }

    DiscordAdapter start(MessageHandler handler, Set<String> answerAllChannels) throws Exception {
        return start(handler, settings(answerAllChannels));
    }

    DiscordAdapter start(MessageHandler handler, DiscordSettings settings) throws Exception {
        adapter = new DiscordAdapter(settings, handler);
        adapter.start(WAIT);
        return adapter;
    }

    @Override
    public void close() {
        if (adapter != null) {
            adapter.close();
        }
        fake.close();
    }
}
