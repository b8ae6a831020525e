/** Start-up and wiring: {@link dev.treue.serving.server.TreueServer#start} builds everything and listens. */
package dev.treue.serving.server;
