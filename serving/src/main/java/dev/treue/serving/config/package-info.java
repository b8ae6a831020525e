/** The service configuration: JSON file, environment overrides, validation at start-up. */
package dev.treue.serving.config;
