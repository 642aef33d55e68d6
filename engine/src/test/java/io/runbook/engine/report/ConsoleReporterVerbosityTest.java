package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each -v level adds to the console, line by line as ansible-playbook 2.14's default callback prints it. */
class ConsoleReporterVerbosityTest {
    private final StringWriter text = new StringWriter();
    private final Redactor redactor = new Redactor();

    private ConsoleReporter reporter(int verbosity) {
        return new ConsoleReporter(new PrintWriter(text, true), redactor, verbosity, false);
    }

    private static HostResult skipped(String action) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("skip_reason", "Conditional result was False");
        r.put("skipped", true);
        return new HostResult("a", null, "t", action, HostStatus.SKIPPED, null, false, false, false, r, List.of(), List.of());
    }

    private static HostResult changed() {
        return changed("a");
    }

    private static HostResult changed(String host) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", true);
        r.put("rc", 0);
        return new HostResult(host, null, "t", "command", HostStatus.CHANGED, null, false, false, false, r, List.of(), List.of());
    }

    /** Everything one reporter gets in a short run: the same events at each level. */
    private String run(int verbosity) {
        ConsoleReporter c = reporter(verbosity);
        c.playbookStart("plays/pb.yml", false, 2);
        c.taskStart("t", "command", "plays/pb.yml:4:7", false);
        c.handlerNotified("r1 : restart", "a");
        c.hostResult(changed());
        c.verbose(2, null, "META: triggered running handlers for a");
        c.verbose(3, "10.0.0.5", "SSH: EXEC 'echo' 'hi'");
        c.verbose(4, "10.0.0.5", "SFTP: STAT /etc/motd");
        c.hostResult(skipped("command"));
        return text.toString();
    }

    @Test
    void withoutVOnlyTheResultLines() {
        assertEquals("""

                TASK [t] ***********************************************************************
                changed: [a]
                skipping: [a]
                """, run(0));
    }

    @Test
    void oneVAddsResultsSkippedOnesTooWithoutTheirSkippedFlag() {
        assertEquals("""

                TASK [t] ***********************************************************************
                changed: [a] => {"changed": true, "rc": 0}
                skipping: [a] => {"changed": false, "skip_reason": "Conditional result was False"}
                """, run(1));
    }

    @Test
    void twoVsAddThePlaybookTaskPathsNotifiedHandlersAndMetaLines() {
        assertEquals("""

                PLAYBOOK: pb.yml ***************************************************************
                2 plays in plays/pb.yml

                TASK [t] ***********************************************************************
                task path: plays/pb.yml:4:7
                NOTIFIED HANDLER r1 : restart for a
                changed: [a] => {"changed": true, "rc": 0}
                META: triggered running handlers for a
                skipping: [a] => {"changed": false, "skip_reason": "Conditional result was False"}
                """, run(2));
    }

    @Test
    void threeVsIndentResultsAndShowWhatConnectionsDoFourVsTheirLooksToo() {
        String three = run(3);
        assertEquals("""

                PLAYBOOK: pb.yml ***************************************************************
                2 plays in plays/pb.yml

                TASK [t] ***********************************************************************
                task path: plays/pb.yml:4:7
                NOTIFIED HANDLER r1 : restart for a
                changed: [a] => {
                    "changed": true,
                    "rc": 0
                }
                META: triggered running handlers for a
                <10.0.0.5> SSH: EXEC 'echo' 'hi'
                skipping: [a] => {
                    "changed": false,
                    "skip_reason": "Conditional result was False"
                }
                """, three);
        text.getBuffer().setLength(0);
        assertEquals(true, run(4).contains("<10.0.0.5> SFTP: STAT /etc/motd\n"));
    }

    @Test
    void verboseLinesAreRedacted() {
        redactor.add("s3cr3t-value");
        ConsoleReporter c = reporter(2);
        c.verbose(2, "h", "EXEC echo s3cr3t-value");
        c.handlerNotified("restart s3cr3t-value", "a");
        c.hostResult(changed("a"));
        assertEquals("<h> EXEC echo ********\nNOTIFIED HANDLER restart ******** for a\n"
                + "changed: [a] => {\"changed\": true, \"rc\": 0}\n", text.toString());
    }

    @Test
    void notifiedHandlerLinesStandRightBeforeTheirHostsResult() {
        ConsoleReporter c = reporter(2);
        c.handlerNotified("restart", "a");
        c.hostResult(changed("b"));
        c.hostResult(changed("a"));
        assertEquals("""
                changed: [b] => {"changed": true, "rc": 0}
                NOTIFIED HANDLER restart for a
                changed: [a] => {"changed": true, "rc": 0}
                """, text.toString());
    }
}
