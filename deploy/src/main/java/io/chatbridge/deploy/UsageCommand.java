package io.chatbridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatbridge.config.BotConfig;
import io.chatbridge.storage.Database;
import io.chatbridge.storage.StorageException;
import io.chatbridge.usage.TimeWindow;
import io.chatbridge.usage.UsageExport;
import io.chatbridge.usage.UsageGrouping;
import io.chatbridge.usage.UsageLedger;
import io.chatbridge.usage.UsageSettings;
import io.chatbridge.usage.UsageSettingsException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatbridge usage}: prints token use and cost from the usage ledger, as a table of totals
 * or as CSV with one line per request. Reads the database without writing to it, so it can run
 * while the bot does.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, description = "Print token use and cost from the usage ledger: totals per day, chat,"
        + " user or model, or every request as CSV. Reads the database only, so the bot may keep running.")
final class UsageCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--from", paramLabel = "DATE",
            description = "First day, as YYYY-MM-DD in usage.time_zone. Default: the first day of this month.")
    @Nullable LocalDate from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Last day, included, as YYYY-MM-DD in usage.time_zone. Default: today.")
    @Nullable LocalDate to;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "Group the totals table by day, chat, user or model. Default: ${DEFAULT-VALUE}.")
    String by = "day";

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table for totals, or csv for every request (RFC 4180, UTF-8). Default: ${DEFAULT-VALUE}.")
    String format = "table";

    @Option(names = "--bom", description = "Start CSV output with a UTF-8 byte order mark, which Excel needs to"
            + " show non-Latin names correctly.")
    boolean bom;

    @Override
    public Integer call() throws IOException {
        UsageGrouping grouping;
        try {
            grouping = UsageGrouping.parse(by);
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid --by: " + e.getMessage());
            return 2;
        }
        String outputFormat = format.toLowerCase(Locale.ROOT);
        if (!outputFormat.equals("table") && !outputFormat.equals("csv")) {
            System.err.println("Invalid --format '" + format + "': expected table or csv");
            return 2;
        }

        BotConfig config = ConfigOption.load(main.config);
        if (config == null) {
            return 2;
        }
        UsageSettings settings = config.usage();

        Path file = config.dataDir().resolve(BotRuntime.DATABASE_FILE);
        try (Database database = Database.openReadOnly(file, UsageLedger.SCHEMA_VERSION)) {
            UsageExport export = new UsageExport(new UsageLedger(database), settings);
            LocalDate today = LocalDate.now(settings.timeZone());
            TimeWindow window = export.window(from != null ? from : today.withDayOfMonth(1), to != null ? to : today);
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            if (outputFormat.equals("csv")) {
                if (bom) {
                    out.write('\uFEFF');
                }
                export.writeCsv(window, out);
            } else {
                export.writeTable(window, grouping, out);
            }
            out.flush();
            return 0;
        } catch (StorageException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
