/** Configuration: the YAML file, environment overrides and their validation. */
@NullMarked
package io.chatbridge.config;

import org.jspecify.annotations.NullMarked;
