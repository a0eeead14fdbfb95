package io.chatbridge.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @ParameterizedTest
    @CsvSource({
        "zh, ZH_CN",
        "zh-hans, ZH_CN",
        "zh-Hans-CN, ZH_CN",
        "zh-CN, ZH_CN",
        "zh_CN, ZH_CN",
        "ZH-cn, ZH_CN",
        "zh-SG, ZH_CN",
        "en, EN",
        "en-US, EN",
        "en_GB, EN",
    })
    void fromTagMapsSupportedTags(String tag, Language expected) {
        assertThat(Language.fromTag(tag)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"fr", "zh-TW", "zh-Hant", "de-DE", "english", "' '"})
    void fromTagRejectsOtherTags(String tag) {
        assertThat(Language.fromTag(tag)).isNull();
    }

    @Test
    void fromTagOfNullIsNull() {
        assertThat(Language.fromTag(null)).isNull();
    }

    @Test
    void resolvePrefersMemberLanguage() {
        assertThat(Language.resolve("zh-hans", "en", Language.EN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.resolve("en-US", "zh-CN", Language.ZH_CN)).isEqualTo(Language.EN);
    }

    @Test
    void resolveFallsBackToChatLanguage() {
        assertThat(Language.resolve(null, "zh-CN", Language.EN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.resolve("fr", "zh_CN", Language.EN)).isEqualTo(Language.ZH_CN);
    }

    @Test
    void resolveFallsBackToDefault() {
        assertThat(Language.resolve(null, null, Language.ZH_CN)).isEqualTo(Language.ZH_CN);
        assertThat(Language.resolve("fr", "de", Language.EN)).isEqualTo(Language.EN);
        assertThat(Language.resolve("zh-TW", null, Language.EN)).isEqualTo(Language.EN);
    }

    @Test
    void tagsAreConfigurationSpellings() {
        assertThat(Language.EN.tag()).isEqualTo("en");
        assertThat(Language.ZH_CN.tag()).isEqualTo("zh-CN");
        assertThat(Language.parse(Language.ZH_CN.tag())).isEqualTo(Language.ZH_CN);
    }
}
