package io.chatbridge.telegram;

/**
 * The bot's own account, from {@code getMe}.
 *
 * @param id the bot's user id
 * @param username the user name without {@code @}
 */
public record TelegramIdentity(long id, String username) {}
