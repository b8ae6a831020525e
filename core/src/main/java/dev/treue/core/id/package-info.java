/** What an id may look like: the one rule the importers, the store's keys and the service's contract share. */
package dev.treue.core.id;
