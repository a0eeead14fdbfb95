package io.chatbridge.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.DiscordSettings;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Verifies a Discord bot token without connecting to the gateway, for the {@code check} command:
 * one {@code GET users/@me} against the configured REST base URL, through the configured proxy.
 * Stateless and thread-safe.
 */
public final class DiscordTokenCheck {

    /** The bot account a token belongs to. */
    public record BotAccount(String id, String username) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiscordTokenCheck() {
    }

    /**
     * Returns the bot account that the token in the settings belongs to.
     *
     * @param timeout the limit for the whole call
     * @throws DiscordStartException with {@code INVALID_TOKEN} when Discord returns 401, or
     *     {@code UNREACHABLE} when the call fails, times out or gets another status
     */
    public static BotAccount verify(DiscordSettings settings, Duration timeout) throws DiscordStartException {
        HttpUrl base = HttpUrl.parse(settings.apiUrl().endsWith("/") ? settings.apiUrl() : settings.apiUrl() + "/");
        if (base == null) {
            throw new DiscordStartException(DiscordStartException.Reason.UNREACHABLE,
                    "DISCORD_API_URL '" + settings.apiUrl() + "' is not an http or https URL");
        }
        OkHttpClient client = DiscordConnections.httpClient(settings.proxy()).callTimeout(timeout).build();
        Request request = new Request.Builder()
                .url(base.resolve("users/@me"))
                .header("Authorization", "Bot " + settings.token())
                .build();

        try (Response response = client.newCall(request).execute()) {
            return account(response, settings.apiUrl());
        } catch (IOException e) {
            throw new DiscordStartException(DiscordStartException.Reason.UNREACHABLE,
                    "Could not reach Discord at " + settings.apiUrl() + ": " + e
                            + "; check DISCORD_API_URL, the proxy setting and the network", e);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static BotAccount account(Response response, String apiUrl) throws IOException, DiscordStartException {
        if (response.code() == 401) {
            throw new DiscordStartException(DiscordStartException.Reason.INVALID_TOKEN,
                    "Discord rejected the bot token (GET users/@me returned 401); set DISCORD_BOT_TOKEN to the"
                            + " token under Bot in the Discord developer portal");
        }
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null) {
            throw new DiscordStartException(DiscordStartException.Reason.UNREACHABLE,
                    "GET users/@me at " + apiUrl + " returned HTTP " + response.code()
                            + "; check DISCORD_API_URL and the proxy setting");
        }
        JsonNode user = JSON.readTree(body.string());
        return new BotAccount(user.path("id").asText(), user.path("username").asText());
    }
}
