package io.chatbridge.engine;

import io.chatbridge.config.BotConfig;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.PromptBuilder;
import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.i18n.Messages;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.model.ChatModel;
import io.chatbridge.time.TaskScheduler;
import io.chatbridge.usage.Gatekeeper;
import io.chatbridge.usage.UsageRecorder;
import java.time.Clock;

/** The engine's collaborators, shared by its parts. */
record EngineContext(
        BotConfig config,
        ChatModel model,
        ConversationCache cache,
        PromptBuilder prompts,
        TokenCounter tokens,
        Messages messages,
        Gatekeeper gatekeeper,
        UsageRecorder usage,
        Notifier notifier,
        Clock clock,
        TaskScheduler scheduler,
        int maxConcurrentCalls,
        BotMetrics metrics) {}
