package io.chatbridge.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * The slash commands ChatBridge registers globally at start, in English with Simplified Chinese
 * names and descriptions. Whether a member may use one (such as {@code /system}, for admins) is
 * decided by the engine, so every command is visible to everyone.
 */
final class DiscordSlashCommands {

    static final String CHAT = "chat";
    static final String RESET = "reset";
    static final String HELP = "help";
    static final String SYSTEM = "system";
    static final String USAGE = "usage";
    static final String BUDGET = "budget";
    static final String PROMPT_OPTION = "prompt";
    static final String TEXT_OPTION = "text";

    private static final DiscordLocale CHINESE = DiscordLocale.CHINESE_CHINA;

    private DiscordSlashCommands() {
    }

    /**
     * Returns the definitions of {@code /chat}, {@code /reset}, {@code /help}, {@code /system},
     * {@code /usage} and {@code /budget}.
     */
    static List<SlashCommandData> definitions() {
        return List.of(chat(), reset(), help(), system(), usage(), budget());
    }

    private static SlashCommandData usage() {
        return command(USAGE, "Show requests, tokens and cost today and this month", "用量",
                "查看今天和本月的请求数、token 数和费用");
    }

    private static SlashCommandData budget() {
        OptionData arguments = new OptionData(OptionType.STRING, TEXT_OPTION,
                "Empty to show budgets; admins: user <id> <period> <amount> or chat <period> <amount>", false)
                .setNameLocalization(CHINESE, "内容")
                .setDescriptionLocalization(CHINESE, "留空查看预算；管理员：user <id> <period> <amount> 或 chat <period> <amount>");
        return command(BUDGET, "Show budgets, or set them (admins only)", "预算", "查看预算，或设置预算（仅限管理员）")
                .addOptions(arguments);
    }

    private static SlashCommandData chat() {
        OptionData prompt = new OptionData(OptionType.STRING, PROMPT_OPTION, "What to ask or tell the assistant", true)
                .setNameLocalization(CHINESE, "问题")
                .setDescriptionLocalization(CHINESE, "要问助手的问题或要说的话");
        return command(CHAT, "Ask the assistant", "聊天", "向助手提问").addOptions(prompt);
    }

    private static SlashCommandData reset() {
        return command(RESET, "Start a new conversation here, forgetting the earlier messages",
                "重置", "在这里开始新对话，忘掉之前的消息");
    }

    private static SlashCommandData help() {
        return command(HELP, "Show what the assistant can do and its commands", "帮助", "显示助手的功能和命令");
    }

    private static SlashCommandData system() {
        OptionData text = new OptionData(OptionType.STRING, TEXT_OPTION,
                "The new system prompt; leave empty to show the current one", false)
                .setNameLocalization(CHINESE, "内容")
                .setDescriptionLocalization(CHINESE, "新的系统提示词；留空则显示当前的提示词");
        return command(SYSTEM, "Set the system prompt of this channel (admins only)",
                "系统提示", "设置此频道的系统提示词（仅限管理员）").addOptions(text);
    }

    private static SlashCommandData command(String name, String description, String chineseName,
            String chineseDescription) {
        return Commands.slash(name, description)
                .setNameLocalization(CHINESE, chineseName)
                .setDescriptionLocalization(CHINESE, chineseDescription)
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
    }
}
