/** The marketer's dashboard and the API docs page: static files from the jar, their headers, the key check. */
package dev.treue.serving.dashboard;
