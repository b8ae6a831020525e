/** Data-subject requests: export everything stored about a member, or erase it. */
package dev.treue.serving.members;
