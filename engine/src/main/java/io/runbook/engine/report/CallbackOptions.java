package io.runbook.engine.report;

/**
 * The default callback's options besides its result format, as ansible-core 2.14's (ansible.cfg {@code [defaults]},
 * or their {@code ANSIBLE_…} variables): {@code display_skipped_hosts}, {@code display_ok_hosts} (results hidden, and
 * the task banner printed before the first result shown rather than when the task starts),
 * {@code display_failed_stderr} (failed and unreachable lines on standard error), {@code check_mode_markers}
 * ({@code [CHECK MODE]} on banners, {@code DRY RUN} banners for --check), {@code show_custom_stats} (set_stats' data
 * after the recap), {@code show_per_host_start} ({@code [started TASK: … on HOST]}) and
 * {@code show_task_path_on_failure} (a failure's {@code task path:} below -vv).
 */
public record CallbackOptions(boolean skippedHosts, boolean okHosts, boolean failedStderr, boolean checkMarkers,
                              boolean customStats, boolean perHostStart, boolean taskPathOnFailure) {
    /** Ansible's defaults. */
    public static final CallbackOptions DEFAULT = new CallbackOptions(true, true, false, false, false, false, false);

    /** Whether the task banner is printed as the task starts: nothing filtered, as Ansible's callback. */
    boolean bannerAtStart() {
        return skippedHosts && okHosts;
    }

    /** Whether a result with this status is shown (an ok one not changed, a skipped one). */
    boolean shows(HostStatus status) {
        return status == HostStatus.OK ? okHosts : status != HostStatus.SKIPPED || skippedHosts;
    }
}
