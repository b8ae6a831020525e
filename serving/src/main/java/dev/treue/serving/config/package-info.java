/** The service configuration: its table of keys, the JSON file, environment overrides, start-up validation. */
package dev.treue.serving.config;
