/** The embedded SQLite database and its schema. */
@NullMarked
package io.chatbridge.storage;

import org.jspecify.annotations.NullMarked;
