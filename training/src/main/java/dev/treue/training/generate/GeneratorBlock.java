package dev.treue.training.generate;

/** The output of one block of consecutive members, written to the files in block order. */
final class GeneratorBlock {
  final CsvOut customers;
  final CsvOut events;
  final CsvOut truth;
  final CsvOut latent;
  final CsvOut offerTruth;
  final CsvOut impressions;
  long truthRows;
  long eventCount;
  int[] eventTypeCounts;

  GeneratorBlock(int members) {
    customers = new CsvOut(members * 64);
    events = new CsvOut(members * 5000);
    truth = new CsvOut(members * 700);
    latent = new CsvOut(members * 80);
    offerTruth = new CsvOut(members * 400);
    impressions = new CsvOut(members * 800);
  }
}
