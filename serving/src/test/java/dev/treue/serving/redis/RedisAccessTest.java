package dev.treue.serving.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Redis errors are passing states (answered 503, retry shortly) rather than bugs (500). */
class RedisAccessTest {
  @Test
  void passingRedisStatesAreTransientAndScriptOrTypeErrorsAreNot() {
    for (String message :
        List.of(
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL",
            "READONLY You can't write against a read only replica.",
            "OOM command not allowed when used memory > 'maxmemory'.",
            "MASTERDOWN Link with MASTER is down",
            "TRYAGAIN Multiple keys request during rehashing of slot",
            "LOADING Redis is loading the dataset in memory",
            "CLUSTERDOWN The cluster is down",
            "Could not get a resource from the pool")) {
      assertTrue(RedisAccess.transientFailure(message), message);
    }
    for (String message :
        List.of(
            "WRONGTYPE Operation against a key holding the wrong kind of value",
            "ERR Error running script (call to f_1): @user_script:1: Script attempted to access a non local key")) {
      assertFalse(RedisAccess.transientFailure(message), message);
    }
    assertFalse(RedisAccess.transientFailure(null));
  }
}
