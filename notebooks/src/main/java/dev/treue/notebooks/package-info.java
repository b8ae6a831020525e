/** What the Java notebooks share: showing charts and tables inline, and a quiet local Spark. */
package dev.treue.notebooks;
