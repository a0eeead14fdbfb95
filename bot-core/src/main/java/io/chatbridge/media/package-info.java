/**
 * Files that members attach to chat messages: downloading them through each platform, and turning
 * images, voice, video and documents into prompt content for the model.
 */
@NullMarked
package io.chatbridge.media;

import org.jspecify.annotations.NullMarked;
