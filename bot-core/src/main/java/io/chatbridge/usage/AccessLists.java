package io.chatbridge.usage;

import java.util.Set;

/**
 * Who may use the bot, by platform-qualified id such as {@code telegram:123456789} or
 * {@code discord:1300000000000000002}; display names are never used.
 *
 * <p>Rules, in order: an admin user passes the user lists but not the chat lists. A user on
 * {@code blockUsers} or in a chat on {@code blockChats} gets no answer. When {@code allowUsers} is
 * not empty, only the users on it (and admins) get answers. When {@code allowChats} is not empty,
 * only the group chats on it get answers. Direct chats are not subject to {@code allowChats},
 * because a direct chat's id is the member's own, which the user lists govern.
 *
 * @param allowUsers users who may use the bot; empty for everyone
 * @param blockUsers users who may not
 * @param allowChats group chats the bot answers in; empty for all
 * @param blockChats chats the bot never answers in, direct chats included
 * @throws IllegalArgumentException when an id is not {@code platform:id} with a known platform
 */
public record AccessLists(Set<String> allowUsers, Set<String> blockUsers, Set<String> allowChats,
        Set<String> blockChats) {

    /** No lists: everyone may use the bot everywhere. */
    public static final AccessLists OPEN = new AccessLists(Set.of(), Set.of(), Set.of(), Set.of());

    public AccessLists {
        allowUsers = QualifiedId.checkAll("allow_users", allowUsers);
        blockUsers = QualifiedId.checkAll("block_users", blockUsers);
        allowChats = QualifiedId.checkAll("allow_chats", allowChats);
        blockChats = QualifiedId.checkAll("block_chats", blockChats);
    }
}
