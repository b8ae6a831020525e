/** Time units shared by every module: UTC days in epoch milliseconds. */
package dev.treue.core.time;
