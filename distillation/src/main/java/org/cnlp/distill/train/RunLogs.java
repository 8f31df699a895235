package org.cnlp.distill.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.cnlp.distill.report.MetricsLog;

/** Opens a run's metrics log: a new one, or the resumed run's with epochs after the checkpoint dropped. */
public final class RunLogs {

    private RunLogs() {}

    public static MetricsLog open(Path out, String name, RunFolder.State state, Map<String, Object> runInfo) throws IOException {
        if (state.epoch() == 0) {
            return MetricsLog.create(out, name, runInfo);
        }
        MetricsLog log = MetricsLog.resume(out);
        log.truncateAfter(state.epoch()); // an epoch logged but not checkpointed before a crash runs again
        return log;
    }
}
