package io.chatbridge.conversation;

import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a history that fits a token allowance, as request messages.
 *
 * @param messages the kept turns, oldest first
 * @param tokens what the kept messages cost
 * @param droppedTurns how many of the oldest turns were left out
 */
record HistoryFit(List<ChatMessage> messages, int tokens, int droppedTurns) {

    HistoryFit {
        messages = List.copyOf(messages);
    }

    /**
     * Picks the newest turns that fit {@code available} tokens. Images go before whole turns:
     * as many turns are kept as fit with their images replaced by a text marker, and then images
     * are put back, newest turn first, until the next one does not fit. A kept history does not
     * start with an assistant turn whose question was dropped.
     */
    static HistoryFit fit(TokenCounter counter, List<Turn> history, int available) {
        int count = history.size();
        ChatMessage[] full = new ChatMessage[count];
        ChatMessage[] cheapest = new ChatMessage[count];
        int[] fullCost = new int[count];
        int[] cheapestCost = new int[count];

        // Keep the newest turns that fit at their cheapest, counting only as far back as needed.
        int start = count;
        int total = 0;
        for (int i = count - 1; i >= 0; i--) {
            Turn turn = history.get(i);
            full[i] = turn.toMessage();
            fullCost[i] = counter.count(full[i]);
            cheapest[i] = full[i];
            cheapestCost[i] = fullCost[i];
            if (!turn.images().isEmpty()) {
                ChatMessage textOnly = withoutImages(turn);
                int textOnlyCost = counter.count(textOnly);
                // An image whose recorded cost is below the marker's is cheaper to keep.
                if (textOnlyCost < fullCost[i]) {
                    cheapest[i] = textOnly;
                    cheapestCost[i] = textOnlyCost;
                }
            }
            if (total + cheapestCost[i] > available) {
                break;
            }
            total += cheapestCost[i];
            start = i;
        }

        // An answer without its question confuses the model more than it helps.
        while (start > 0 && start < count && history.get(start).role() == Role.ASSISTANT) {
            total -= cheapestCost[start];
            start++;
        }

        // Put images back, newest first. Once one does not fit, every older one stays out.
        int firstWithImages = count;
        for (int i = count - 1; i >= start; i--) {
            int extra = fullCost[i] - cheapestCost[i];
            if (total + extra > available) {
                break;
            }
            total += extra;
            firstWithImages = i;
        }

        List<ChatMessage> kept = new ArrayList<>(count - start);
        for (int i = start; i < count; i++) {
            kept.add(i >= firstWithImages ? full[i] : cheapest[i]);
        }
        return new HistoryFit(kept, total, start);
    }

    /** Returns the turn's message with its images replaced by a marker such as {@code [image omitted]}. */
    static ChatMessage withoutImages(Turn turn) {
        int images = turn.images().size();
        String marker = images == 1 ? "[image omitted]" : "[" + images + " images omitted]";
        String text = turn.text().isEmpty() ? marker : turn.text() + "\n" + marker;
        return ChatMessage.text(turn.role(), text);
    }
}
