package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** What one command line produced: exit code, stdout, stderr and the events of {@code --events}. */
record RunResult(int exitCode, String out, String err, List<Map<String, Object>> events) {

    /** Every stdout line. */
    List<String> lines() {
        return Arrays.asList(out.split("\\R"));
    }

    /** The stdout lines that are banners (PLAY [..], TASK [..], RUNNING HANDLER [..], PLAY RECAP ...), without stars. */
    List<String> banners() {
        return lines().stream().filter(l -> l.endsWith("***")).map(l -> l.replaceAll(" \\*+$", "")).toList();
    }

    /** The names of the tasks (and handlers) that started, in order, as banners show them. */
    List<String> taskBanners() {
        return banners().stream().filter(b -> b.startsWith("TASK [") || b.startsWith("RUNNING HANDLER ["))
                .toList();
    }

    /**
     * The PLAY RECAP line of {@code host}, exactly as printed: in the last recap (a run of several playbooks prints
     * one after each, the last counting the whole run).
     */
    String recapLine(String host) {
        int recap = out.lastIndexOf("PLAY RECAP");
        if (recap < 0) {
            fail("no PLAY RECAP in:\n" + this);
        }
        return out.substring(recap).lines().filter(l -> l.startsWith(host + " ") && l.contains(" : ok="))
                .findFirst().orElseThrow(() -> new AssertionError("no recap line for " + host + " in:\n" + this));
    }

    /** The recap counters of {@code host}, parsed from its line: ok, changed, unreachable, failed, ... */
    Map<String, Integer> recap(String host) {
        String counters = recapLine(host).substring(recapLine(host).indexOf(" : ") + 3).trim();
        return Arrays.stream(counters.split("\\s+")).map(kv -> kv.split("="))
                .collect(Collectors.toMap(kv -> kv[0], kv -> Integer.parseInt(kv[1])));
    }

    /** Asserts the whole recap of a host in one go, in recap order. */
    void assertRecap(String host, int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
        assertEquals(String.format("ok=%d changed=%d unreachable=%d failed=%d skipped=%d rescued=%d ignored=%d",
                        ok, changed, unreachable, failed, skipped, rescued, ignored),
                recapLine(host).substring(recapLine(host).indexOf(" : ") + 3).trim().replaceAll("\\s+", " "),
                "recap of " + host + " in:\n" + this);
    }

    /** The events named {@code event} (host_result, task_start, retrying, ...). */
    List<Map<String, Object>> events(String event) {
        return events.stream().filter(e -> event.equals(e.get("event"))).toList();
    }

    /** The host_result events of one task on one host (one per loop item for loops). */
    List<Map<String, Object>> results(String task, String host) {
        return events("host_result").stream()
                .filter(e -> Objects.equals(task, e.get("task")) && Objects.equals(host, e.get("host"))).toList();
    }

    /** The only host_result of a task on a host. */
    Map<String, Object> result(String task, String host) {
        List<Map<String, Object>> r = results(task, host);
        if (r.size() != 1) {
            fail("expected one result of '" + task + "' on " + host + ", got " + r.size() + " in:\n" + this);
        }
        return r.get(0);
    }

    /** The result map ({@code result} field) of the only host_result of a task on a host. */
    @SuppressWarnings("unchecked")
    Map<String, Object> registered(String task, String host) {
        return (Map<String, Object>) result(task, host).get("result");
    }

    /** The status (ok, changed, skipped, failed, unreachable) of the only host_result of a task on a host. */
    String status(String task, String host) {
        return (String) result(task, host).get("status");
    }

    /** The {@code msg} a debug task printed on a host. */
    Object msg(String task, String host) {
        return registered(task, host).get("msg");
    }

    /** The task names that produced a host_result on {@code host}, in order. */
    List<String> tasksRunOn(String host) {
        return events("host_result").stream().filter(e -> host.equals(e.get("host")))
                .map(e -> (String) e.get("task")).distinct().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
