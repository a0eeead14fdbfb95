package io.chatbridge.i18n;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * Loads message bundles one language file at a time. The JDK's default lookup also reads the
 * parent (English) file, which would hide a text that the Chinese file lacks; the bundle checks
 * depend on seeing each file alone.
 */
public final class ExactLocaleBundles {

    private static final ResourceBundle.Control EXACT_LOCALE = new ResourceBundle.Control() {
        @Override
        public List<String> getFormats(String baseName) {
            return ResourceBundle.Control.FORMAT_PROPERTIES;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
            return List.of(locale);
        }

        @Override
        public @Nullable Locale getFallbackLocale(String baseName, Locale locale) {
            return null;
        }
    };

    private ExactLocaleBundles() {}

    /**
     * Loads the properties file of {@code baseName} for exactly {@code locale}.
     *
     * @throws java.util.MissingResourceException when that file does not exist
     */
    public static ResourceBundle load(String baseName, Locale locale, ClassLoader loader) {
        return ResourceBundle.getBundle(baseName, locale, loader, EXACT_LOCALE);
    }
}
