package io.chatbridge.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What ffprobe reports about a media file.
 *
 * @param duration the playing time, or null when the container does not state it
 * @param hasVideo whether there is a video stream; a cover picture in an audio file does not count
 * @param hasAudio whether there is an audio stream
 */
record MediaProbe(@Nullable Duration duration, boolean hasVideo, boolean hasAudio) {

    /** Reads the JSON of {@code ffprobe -print_format json -show_entries format=duration:stream=codec_type,...}. */
    static MediaProbe parse(JsonNode root) {
        boolean video = false;
        boolean audio = false;
        double longestStream = -1;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText("");
            boolean coverPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !coverPicture) {
                video = true;
            } else if (type.equals("audio")) {
                audio = true;
            }
            longestStream = Math.max(longestStream, seconds(stream.path("duration")));
        }
        double seconds = seconds(root.path("format").path("duration"));
        if (seconds < 0) {
            seconds = longestStream;
        }
        Duration duration = seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        return new MediaProbe(duration, video, audio);
    }

    // ffprobe prints durations as text such as "3.000000", or "N/A" when unknown.
    private static double seconds(JsonNode value) {
        try {
            double seconds = Double.parseDouble(value.asText(""));
            return Double.isFinite(seconds) && seconds >= 0 ? seconds : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
