package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UsageMessagesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UsageMessages.class.getResourceAsStream("/io/chatbridge/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> indexes = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(pattern);
        while (matcher.find()) {
            indexes.add(matcher.group(1));
        }
        return indexes;
    }

    @Test
    void bundlesHaveEveryTextAndNothingElse() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (UsageText text : UsageText.values()) {
            keys.add(text.bundleKey());
        }

        assertThat(bundle("usage.properties").stringPropertyNames()).isEqualTo(keys);
        assertThat(bundle("usage_zh_CN.properties").stringPropertyNames()).isEqualTo(keys);
    }

    @Test
    void chineseUsesTheSameArgumentsAsEnglish() throws IOException {
        Properties english = bundle("usage.properties");
        Properties chinese = bundle("usage_zh_CN.properties");

        for (UsageText text : UsageText.values()) {
            assertThat(arguments(chinese.getProperty(text.bundleKey())))
                    .as(text.bundleKey())
                    .isEqualTo(arguments(english.getProperty(text.bundleKey())));
        }
    }

    @Test
    void budgetNamesFitTheRefusalSentence() {
        UsageMessages messages = new UsageMessages();

        assertThat(messages.budgetName(Language.EN, BudgetSubject.Kind.MEMBER, false, Period.TOTAL)).isEqualTo("total");
        assertThat(messages.budgetName(Language.EN, BudgetSubject.Kind.MEMBER, true, Period.MONTH))
                .isEqualTo("guest monthly");
        assertThat(messages.budgetName(Language.EN, BudgetSubject.Kind.CHAT, true, Period.DAY)).isEqualTo("chat's daily");
        assertThat(messages.budgetName(Language.ZH_CN, BudgetSubject.Kind.MEMBER, false, Period.TOTAL)).isEqualTo("累计");
        assertThat(messages.budgetName(Language.ZH_CN, BudgetSubject.Kind.CHAT, false, Period.MONTH))
                .isEqualTo("本群每月");
    }
}
