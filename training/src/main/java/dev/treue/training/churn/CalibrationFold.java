package dev.treue.training.churn;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which members are held out of model fitting to fit the calibrator: a stable fifth, chosen by a
 * checksum of the id so a member is in or out at every cutoff alike and between runs.
 */
final class CalibrationFold {
  private static final int FOLDS = 5;

  private CalibrationFold() {}

  static boolean contains(String customerId) {
    CRC32 crc = new CRC32();
    crc.update(customerId.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % FOLDS == 0;
  }
}
