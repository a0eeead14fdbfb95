package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.engine.Sender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatbridge chat}: a terminal conversation with the configured model through the same
 * engine as the platforms, so an operator can try a relay URL and a system prompt first. The
 * conversation is stored like any other, under the chat id {@code console}.
 */
@Command(name = "chat", description = "Chat with the configured model in the terminal, through the same engine."
        + " Commands such as /reset and /system work as in a chat. End with Ctrl+D or /exit.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--language", paramLabel = "TAG", description = "Language of bot messages: en or zh-CN (default: the configured one).")
    String language;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BotConfig config = ConfigOption.load(main.config);
        if (config == null) {
            return 2;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BotRuntime runtime = BotRuntime.start(config)) {
            out.println("Chatting with " + config.openAi().model() + " at " + config.openAi().baseUrl()
                    + ". Type /help for commands, /exit or Ctrl+D to leave.");
            converse(runtime, in, out);
        }
        return 0;
    }

    private void converse(BotRuntime runtime, BufferedReader in, PrintStream out) throws IOException, InterruptedException {
        ConsoleSink sink = new ConsoleSink(out);
        // The engine treats the console platform as the operator, an admin, so /system works here.
        Sender operator = new Sender("operator", "operator", false, language);
        int counter = 0;
        while (true) {
            out.print("> ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equals("/exit")) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            counter++;
            InboundMessage message = new InboundMessage(Platform.CONSOLE, "console", null, operator, line, List.of(),
                    true, false, false, String.valueOf(counter), "chatbridge", null);
            try {
                runtime.engine().accept(message, sink).get();
            } catch (ExecutionException e) {
                out.println("Failed: " + e.getCause());
            }
            sink.endAnswer();
        }
    }
}
