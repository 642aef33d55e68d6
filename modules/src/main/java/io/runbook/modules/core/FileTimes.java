package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vars.PythonTime;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} module's {@code modification_time} and {@code access_time} as Ansible's: {@code preserve}, {@code
 * now}, or a time in {@code *_time_format} (Python's strptime directives, the host's local time); when not given,
 * {@code now} for touch and {@code preserve} for the other states. Applied as Ansible's update_timestamp_for_file:
 * a change (always, for now and now) sets both times on what the path names (links followed) and adds them to the diff.
 */
final class FileTimes {
    static final FileTimes PRESERVE = new FileTimes("preserve", null, "preserve", null);
    private final String mtime;
    private final String mtimeFormat;
    private final String atime;
    private final String atimeFormat;

    private FileTimes(String mtime, String mtimeFormat, String atime, String atimeFormat) {
        this.mtime = mtime;
        this.mtimeFormat = mtimeFormat;
        this.atime = atime;
        this.atimeFormat = atimeFormat;
    }

    static FileTimes of(Args args, String state) {
        String unset = state.equals("touch") ? "now" : "preserve";
        return new FileTimes(args.has("modification_time") ? args.string("modification_time") : unset,
                args.string("modification_time_format"), args.has("access_time") ? args.string("access_time") : unset,
                args.string("access_time_format"));
    }

    /** Whether the times would change (and, unless check mode, change them). */
    boolean apply(ModuleContext ctx, HostConnection host, String path, FileDiff diff) throws ModuleException, InterruptedException {
        Double m = time(host, mtime, mtimeFormat);
        Double a = time(host, atime, atimeFormat);
        boolean bothNow = mtime.equals("now") && atime.equals("now");
        if (!bothNow && mtime.equals("preserve") && atime.equals("preserve")) {
            return false;
        }
        FileInfo was = host.stat(path, true);
        java.time.Instant at = java.time.Instant.now();
        double now = at.getEpochSecond() + at.getNano() / 1000 / 1_000_000.0;
        double newM = m != null ? m : mtime.equals("now") ? now : was.mtime();
        double newA = a != null ? a : atime.equals("now") ? now : was.atime();
        if (!bothNow && newM == was.mtime() && newA == was.atime()) {
            return false;
        }
        if (!ctx.checkMode()) {
            if (bothNow) {
                run(host, List.of("touch", "-c", "--", path));
            } else {
                run(host, List.of("touch", "-c", "-m", "-d", "@" + seconds(newM), "--", path));
                run(host, List.of("touch", "-c", "-a", "-d", "@" + seconds(newA), "--", path));
            }
        }
        if (diff != null) {
            diff.times(was, newM, newA);
        }
        return true;
    }

    /** Ansible's get_timestamp_for_time: null for preserve and now, else the seconds of the host's local time. */
    private static Double time(HostConnection host, String given, String format) throws ModuleException, InterruptedException {
        if (given.equals("preserve") || given.equals("now")) {
            return null;
        }
        java.time.LocalDateTime local;
        try {
            local = PythonTime.strptime(given, format);
        } catch (IllegalArgumentException e) {
            throw new ModuleException("Error while obtaining timestamp for time " + given + " using format " + format + ": "
                    + e.getMessage());
        }
        // Python's time.mktime: the time as the host's local time
        Execution done = host.run(new CommandLine(List.of("date", "-d", local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")),
                "+%s"), null, null, Map.of()));
        if (done.rc() != 0) {
            throw new ModuleException("Error while obtaining timestamp for time " + given + " using format " + format + ": "
                    + done.stderr().strip());
        }
        return Double.valueOf(done.stdout().strip());
    }

    private static String seconds(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static void run(HostConnection host, List<String> argv) throws ModuleException, InterruptedException {
        Execution done = host.run(new CommandLine(argv, null, null, Map.of()));
        if (done.rc() != 0) {
            throw new ModuleException("Error while updating modification or access time: " + done.stderr().strip());
        }
    }
}
