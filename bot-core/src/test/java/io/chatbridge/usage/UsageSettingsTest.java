package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatbridge.engine.Platform;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageSettingsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode usage(String yaml) throws Exception {
        return YAML.readTree(yaml).get("usage");
    }

    @Test
    void absentSectionGivesDefaults() throws Exception {
        UsageSettings settings = UsageSettings.fromYaml(usage("other: 1\n"));

        assertThat(settings).isEqualTo(UsageSettings.defaults());
        assertThat(settings.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(settings.currency()).isEqualTo(DisplayCurrency.USD);
        assertThat(settings.prices()).isEqualTo(Map.of("gpt-4o-mini", ModelPrice.GPT_4O_MINI));
        assertThat(settings.budgets()).isEqualTo(Budgets.NONE);
        assertThat(settings.rateLimits()).isEqualTo(new RateLimits(10, 3, 1, 64));
    }

    @Test
    void fullSectionBinds() throws Exception {
        UsageSettings settings = UsageSettings.fromYaml(usage("""
                usage:
                  time_zone: Asia/Shanghai
                  currency: {code: CNY, per_usd: 7.2}
                  prices:
                    gpt-4o: {input: 2.50, cached_input: 1.25, output: 10.00}
                    my-relay-model: {input: 0.5, output: 1.5}
                  unknown_model_price: {input: 1, cached_input: 0.5, output: 4}
                  budgets:
                    member: {day: 1, month: 20}
                    guest: {day: 0.2}
                    chat: {month: 100, total: 1000}
                  rate_limit:
                    requests_per_minute: 6
                    burst: 2
                    max_in_flight_per_member: 1
                    max_concurrent_calls: 16
                  members: [telegram:42]
                  access:
                    allow_users: [telegram:7, discord:1300000000000000002]
                    block_users: [telegram:666]
                    allow_chats: ["telegram:-1001000000001"]
                    block_chats: []
                """));

        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(settings.currency()).isEqualTo(new DisplayCurrency("CNY", "¥", new BigDecimal("7.2")));
        assertThat(settings.prices()).containsEntry("gpt-4o-mini", ModelPrice.GPT_4O_MINI)
                .containsEntry("gpt-4o", new ModelPrice(new BigDecimal("2.50"), new BigDecimal("1.25"),
                        new BigDecimal("10.00")))
                .containsEntry("my-relay-model", new ModelPrice(new BigDecimal("0.5"), new BigDecimal("0.5"),
                        new BigDecimal("1.5")));
        assertThat(settings.unknownModelPrice()).isEqualTo(new ModelPrice(new BigDecimal("1"), new BigDecimal("0.5"),
                new BigDecimal("4")));
        assertThat(settings.budgets().member()).isEqualTo(new BudgetLimits(new BigDecimal("1"), new BigDecimal("20"),
                null));
        assertThat(settings.budgets().guest()).isEqualTo(new BudgetLimits(new BigDecimal("0.2"), null, null));
        assertThat(settings.budgets().chat()).isEqualTo(new BudgetLimits(null, new BigDecimal("100"),
                new BigDecimal("1000")));
        assertThat(settings.rateLimits()).isEqualTo(new RateLimits(6, 2, 1, 16));
        assertThat(settings.members()).isEqualTo(Set.of("telegram:42"));
        assertThat(settings.access().allowUsers()).isEqualTo(Set.of("telegram:7", "discord:1300000000000000002"));
        assertThat(settings.access().blockUsers()).isEqualTo(Set.of("telegram:666"));
        assertThat(settings.access().allowChats()).isEqualTo(Set.of("telegram:-1001000000001"));
    }

    @Test
    void guestIsNeitherAdminNorMemberNorAllowed() throws Exception {
        UsageSettings settings = UsageSettings.fromYaml(usage("""
                usage:
                  members: [telegram:42]
                  access: {allow_users: [telegram:7]}
                """));

        assertThat(settings.isGuest(Platform.TELEGRAM, "42", false)).isFalse();
        assertThat(settings.isGuest(Platform.TELEGRAM, "7", false)).isFalse();
        assertThat(settings.isGuest(Platform.TELEGRAM, "99", true)).isFalse();
        assertThat(settings.isGuest(Platform.TELEGRAM, "99", false)).isTrue();
        assertThat(settings.isGuest(Platform.DISCORD, "42", false)).isTrue();
    }

    @Test
    void everyProblemNamesKeyValueAndRule() throws Exception {
        UsageSettingsException error = catchThrowableOfType(UsageSettingsException.class, () -> UsageSettings.fromYaml(usage("""
                usage:
                  time_zone: Mars/Base
                  currency: {code: CNY}
                  prices:
                    gpt-4o: {input: -1, output: 10}
                    bad: {input: 0.1}
                  budgets:
                    member: {day: -5, week: 3}
                  rate_limit: {burst: 0, requests_per_minute: ten}
                  members: [42]
                  access: {block_users: [tg:1]}
                  budget: {}
                """)));

        assertThat(error.problems()).containsExactly(
                "usage.budget: unknown key. Known keys here: access, budgets, currency, members, prices,"
                        + " rate_limit, time_zone, unknown_model_price",
                "usage.time_zone: unknown time zone 'Mars/Base'. Use a region id such as UTC or Asia/Shanghai",
                "usage.currency.per_usd is missing: set how many CNY one US dollar buys, such as 7.2",
                "usage.prices.gpt-4o: input price must be 0 or more, was -1",
                "usage.prices.bad: input and output are required, in USD per million tokens, such as"
                        + " {input: 0.15, cached_input: 0.075, output: 0.60}",
                "usage.budgets.member.week: unknown key. Known keys here: day, month, total",
                "usage.budgets.member.day: a budget must be 0 or more, was -5. Leave the key out for no limit",
                "usage.rate_limit.requests_per_minute: must be a whole number, was 'ten'",
                "usage.rate_limit.burst must be from 1 to 1000, was 0",
                "usage.members entry '42' must be platform:id with platform telegram, discord, console,"
                        + " such as telegram:123456789",
                "usage.access.block_users entry 'tg:1' must be platform:id with platform telegram, discord,"
                        + " console, such as telegram:123456789");
    }

    @Test
    void sectionThatIsNotAMapIsRejected() throws Exception {
        UsageSettingsException error = catchThrowableOfType(UsageSettingsException.class,
                () -> UsageSettings.fromYaml(usage("usage: [1, 2]\n")));

        assertThat(error.problems()).containsExactly("usage: must be a map, was a list");
    }
}
