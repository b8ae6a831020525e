/** Access to Redis from the service: the bounded worker pool, timing and failure mapping. */
package dev.treue.serving.redis;
