package io.chatbridge.i18n;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bot messages to chat members in each {@link Language}, from the {@code messages} resource
 * bundles: {@code io/chatbridge/i18n/messages.properties} (English) and
 * {@code messages_zh_CN.properties} (Simplified Chinese), both UTF-8, and from the bundles of
 * features that keep their texts apart, such as {@code media.properties}. Every
 * {@link MessageKey} must be in exactly one bundle of each language. Patterns follow
 * {@link MessageFormat}, so a literal apostrophe is written {@code ''}. Thread-safe.
 */
public final class Messages {

    /** The bundles that together hold every key; the first is the main one. */
    private static final List<String> BUNDLES = List.of("io.chatbridge.i18n.messages", "io.chatbridge.i18n.media");

    private final Map<Language, Map<MessageKey, String>> patterns = new EnumMap<>(Language.class);

    /**
     * Loads the bundles and checks them.
     *
     * @throws IllegalStateException when a language's file is missing, lacks a key, has a key
     *     that no {@link MessageKey} names, has a pattern {@link MessageFormat} rejects, or uses
     *     other arguments than the English pattern; the message lists every such problem
     */
    public Messages() {
        this(BUNDLES);
    }

    /** Loads the bundles of another base name, so that tests can check the checks. */
    Messages(String baseName) {
        this(List.of(baseName));
    }

    /** Loads several bundles that share out the keys between them. */
    Messages(List<String> baseNames) {
        var problems = new ArrayList<String>();
        for (Language language : Language.values()) {
            patterns.put(language, load(baseNames, language, problems));
        }
        checkSameArguments(baseNames.getFirst(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The message bundles are incomplete:\n" + String.join("\n", problems));
        }
    }

    /**
     * Formats a message with {@link MessageFormat} arguments in a language, using its locale for
     * numbers.
     */
    public String format(Language language, MessageKey key, Object... arguments) {
        return new MessageFormat(patterns.get(language).get(key), language.locale()).format(arguments);
    }

    /**
     * Returns the /help text. When the chat has a trigger prefix, a line naming it ends the text.
     *
     * @param triggerPrefix the chat's trigger prefix, such as {@code !ai}, or empty for none
     */
    public String help(Language language, String triggerPrefix) {
        String prefixLine = triggerPrefix.isBlank()
                ? ""
                : format(language, MessageKey.HELP_TRIGGER_PREFIX, triggerPrefix);
        return format(language, MessageKey.HELP, prefixLine).strip();
    }

    private static Map<MessageKey, String> load(List<String> baseNames, Language language, List<String> problems) {
        var loaded = new EnumMap<MessageKey, String>(MessageKey.class);
        Map<String, ResourceBundle> bundles = open(baseNames, language, problems);
        if (bundles.size() < baseNames.size()) {
            return loaded;
        }

        String files = String.join(" or ", bundles.keySet());
        var unused = new LinkedHashMap<String, Set<String>>();
        bundles.forEach((file, bundle) -> unused.put(file, new TreeSet<>(bundle.keySet())));
        for (MessageKey key : MessageKey.values()) {
            String file = null;
            for (Map.Entry<String, ResourceBundle> bundle : bundles.entrySet()) {
                if (!bundle.getValue().containsKey(key.bundleKey())) {
                    continue;
                }
                unused.get(bundle.getKey()).remove(key.bundleKey());
                if (file != null) {
                    problems.add(file + " and " + bundle.getKey() + " both have " + key.bundleKey() + "; keep it in one");
                }
                file = bundle.getKey();
            }
            if (file == null || bundles.get(file).getString(key.bundleKey()).isBlank()) {
                problems.add((file == null ? files : file) + " has no text for " + key.bundleKey());
                continue;
            }
            String pattern = bundles.get(file).getString(key.bundleKey());
            try {
                new MessageFormat(pattern, language.locale());
                loaded.put(key, pattern);
            } catch (IllegalArgumentException e) {
                problems.add(file + ": " + key.bundleKey() + " is not a valid MessageFormat pattern: " + e.getMessage());
            }
        }
        unused.forEach((file, keys) -> keys.forEach(key -> problems.add(file + " has " + key
                + ", which no MessageKey names")));
        return loaded;
    }

    /** Opens each base name's bundle for a language, by file name, adding a problem for each missing one. */
    private static Map<String, ResourceBundle> open(List<String> baseNames, Language language, List<String> problems) {
        var bundles = new LinkedHashMap<String, ResourceBundle>();
        for (String baseName : baseNames) {
            String file = fileName(baseName, language);
            try {
                bundles.put(file, ExactLocaleBundles.load(baseName, bundleLocale(language), Messages.class.getClassLoader()));
            } catch (MissingResourceException e) {
                problems.add(file + " is missing");
            }
        }
        return bundles;
    }

    /**
     * Checks that every language uses the same arguments as English, which catches a
     * translation that dropped or renumbered a placeholder.
     */
    private void checkSameArguments(String baseName, List<String> problems) {
        Map<MessageKey, String> english = patterns.get(Language.EN);
        for (Language language : Language.values()) {
            for (Map.Entry<MessageKey, String> entry : patterns.get(language).entrySet()) {
                String englishPattern = english.get(entry.getKey());
                if (englishPattern == null) {
                    continue;
                }
                Set<Integer> expected = argumentIndexes(englishPattern);
                Set<Integer> actual = argumentIndexes(entry.getValue());
                if (!expected.equals(actual)) {
                    problems.add(fileName(baseName, language) + ": " + entry.getKey().bundleKey() + " uses arguments "
                            + actual + ", expected " + expected + " as in English");
                }
            }
        }
    }

    /** Returns the argument indexes a pattern uses, those inside choice sub-patterns included. */
    static Set<Integer> argumentIndexes(String pattern) {
        var indexes = new TreeSet<Integer>();
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '{' && !quoted) {
                int end = i + 1;
                while (end < pattern.length() && Character.isDigit(pattern.charAt(end))) {
                    end++;
                }
                if (end > i + 1) {
                    indexes.add(Integer.parseInt(pattern.substring(i + 1, end)));
                }
            }
        }
        return indexes;
    }

    private static Locale bundleLocale(Language language) {
        return language == Language.EN ? Locale.ROOT : language.locale();
    }

    private static String fileName(String baseName, Language language) {
        String name = baseName.substring(baseName.lastIndexOf('.') + 1);
        Locale locale = bundleLocale(language);
        return name + (locale.equals(Locale.ROOT) ? "" : "_" + locale) + ".properties";
    }
}
