package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.time.Instant;
import java.util.List;

/** {@code ./treue import cdnow}: the CDNOW master file or 1/10th sample into contract tables. */
public final class ImportCdnowCommand implements Command {

  @Override
  public String name() {
    return "import cdnow";
  }

  @Override
  public String summary() {
    return "import the CDNOW master file or 1/10th sample into events.csv and customers.csv";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required(
            "in", "CDNOW_master.txt or CDNOW_sample.txt (layout detected; .gz allowed)"),
        Option.required("out", "folder for events.csv, customers.csv and import.rejects.csv"),
        IngestArguments.MAX_REJECT_SHARE);
  }

  @Override
  public int run(Arguments a) throws Exception {
    ImportSummary s =
        CdnowImporter.run(
            a.path("in"), a.path("out"), a.decimal("max-reject-share"), Instant.now());
    System.out.println(s.describe());
    return 0;
  }
}
