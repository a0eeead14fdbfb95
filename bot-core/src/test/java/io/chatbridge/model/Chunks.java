package io.chatbridge.model;

/** Hand-written stream chunks for cases that the generated streams do not cover. */
final class Chunks {

    private Chunks() {}

    /** Returns a chunk whose delta carries {@code content}, which must need no JSON escaping. */
    static String text(String content) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }

    /** Returns a chunk with an empty delta and {@code finish_reason: stop}. */
    static String finish() {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}";
    }
}
