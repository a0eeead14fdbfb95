package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@link AccessLists} to inbound messages, as their Javadoc describes. Thread-safe. */
final class AccessPolicy {

    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);

    private final AccessLists lists;

    AccessPolicy(AccessLists lists) {
        this.lists = lists;
    }

    boolean allows(InboundMessage message, boolean admin) {
        String user = QualifiedId.of(message.platform(), message.sender().id());
        String chat = QualifiedId.of(message.platform(), message.chatId());

        if (lists.blockChats().contains(chat)) {
            return deny(message, "chat " + chat + " is on usage.access.block_chats");
        }
        if (!message.direct() && !lists.allowChats().isEmpty() && !lists.allowChats().contains(chat)) {
            return deny(message, "chat " + chat + " is not on usage.access.allow_chats");
        }
        if (admin) {
            return true;
        }
        if (lists.blockUsers().contains(user)) {
            return deny(message, "user " + user + " is on usage.access.block_users");
        }
        if (!lists.allowUsers().isEmpty() && !lists.allowUsers().contains(user)) {
            return deny(message, "user " + user + " is not on usage.access.allow_users");
        }
        return true;
    }

    private static boolean deny(InboundMessage message, String reason) {
        log.debug("No answer to message {}: {}", message.messageId(), reason);
        return false;
    }
}
