package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.cli.ParityAnsible.Run;
import io.runbook.cli.ParityRecording.Shown;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the same playbooks with ansible-playbook and with the engine and compares what a user reads: the
 * task banners in order, each task's result lines (as a multiset: hosts report in parallel), the recap and
 * the exit code. ansible-playbook's side is recorded ({@link ParityAnsible}, {@link ParityRecording}: a run of it costs
 * seconds per case), so by default only the engine runs: {@code -Dparity.live=true} runs ansible-playbook too and
 * compares with that, {@code -Dparity.record=true} does and rewrites the recording ({@code tools/parity/record.sh}).
 * Both sides' machine-specific paths become placeholders first ({@link MachineText}). The cases in
 * {@link #ALWAYS_LIVE} always run ansible-playbook, skipped with a message where it is not installed (the test setup
 * installs it). A case of several playbooks (separated by spaces) gives them all on one command line.
 */
class AnsibleParityTest {
    private static final Path DIR = Path.of("test/resources/parity").toAbsolutePath();
    private static final MachineText MACHINE = new MachineText(DIR);

    /**
     * Cases (flag and playbooks, as listed below) compared with a live run of ansible-playbook in every mode, never
     * recorded: what ansible-playbook shows for them depends on the machine beyond what {@link MachineText} can
     * honestly replace.
     */
    static final Set<String> ALWAYS_LIVE = Set.of(
            // dpkg's "(Reading database ... N files and directories currently installed.)" counts the machine's
            // installed files, and cache_update_time is when the run updated apt's cache; it also imports
            // ../engine/apt/repository.yml, outside the folder the fingerprints cover
            "--diff apt.yml");

    private static final ParityRuns<Run> RUNS = new ParityRuns<>();
    private static ParityAnsible ansible;

    @BeforeAll
    static void startAnsible() {
        List<String> keys = new ArrayList<>();
        plainCases().forEach(c -> keys.add("plain " + c));
        warningCases().forEach(c -> keys.add("warnings " + c));
        verboseCases().forEach(c -> keys.add("verbose " + c));
        orderedCases().forEach(c -> keys.add("ordered " + c));
        ansible = new ParityAnsible(DIR, RUNS, keys, ALWAYS_LIVE);
        // every live case's ansible-playbook run starts now, two at a time, ahead of the engine's runs
        keys.forEach(ansible::ahead);
    }

    @AfterAll
    static void writeRecording() throws Exception {
        if (ansible != null) {
            ansible.write();
        }
    }

    private static String flagOf(String verboseCase) {
        return verboseCase.substring(0, verboseCase.indexOf(' '));
    }

    static List<String> plainCases() {
        return List.of("basics.yml", "failures.yml", "handlers.yml", "fatal.yml", "handlers2.yml",
                "with_loops.yml", "plays.yml", "oneliners.yml", "roles.yml", "include_keywords.yml", "add_host.yml", "loop_var.yml", "yaml11.yml", "debug_keys.yml",
                "commands.yml", "lookup_csvfile.yml", "file_links.yml", "lookup_terms.yml", "relative_paths.yml", "failure_results.yml",
                "task_facts.yml", "copy_folders.yml", "copy_validate.yml", "copy_results.yml", "assert_items.yml", "include_loops.yml", "delegation.yml", "inventory_vars.yml", "max_fail.yml",
                "search_path/site.yml", "fqcn_names.yml", "templated_keywords.yml", "template_settings.yml", "role_parents.yml", "bypass_host_loop.yml", "fail_values.yml", "module_defaults.yml", "module_defaults_groups.yml", "handler_instances.yml",
                "known_hosts.yml",
                "assemble_getent.yml",
                "unarchive.yml",
                "git.yml",
                // until's retry lines (debug's and assert's show the attempt's result) and the attempts registered
                "until_retries.yml",
                // ansible.utils' IP filters and tests (ipaddr and its family): needs python3-netaddr
                "ipaddr.yml",
                // ansible.utils' hardware address filters (hwaddr, macaddr, slaac) and test (mac)
                "hwaddr.yml",
                // ansible.utils' data filters (get_path, to_paths, index_of, keep/remove/replace_keys, consolidate)
                "utils_data.yml",
                // ~ on the local connection: a module's is its environment's HOME (the task's environment may set it)
                "home_paths.yml",
                // ~user: that account's home on the host (a name without an account stays as written)
                "home_users.yml",
                // kubernetes.core.helm_template in check mode: changed, empty output and the helm command line it builds
                "helm_template_command.yml",
                // several playbooks on one command line: one run, a recap after each, none after one that left a host failed
                "basics.yml several_first.yml several_second.yml", "failures.yml basics.yml",
                // imports written with action: and local_action: (action: include file.yml is static, as include:)
                "action_includes.yml",
                // the keys of a registered loop result (no failed unless an item failed, skipped always)
                "loop_results.yml",
                // pip into a venv it creates, offline from wheels the playbook writes: results, changed, check mode, failures
                "pip.yml",
                // file and lineinfile on a missing or misplaced file: Ansible's messages, rc, path and src
                "file_failures.yml",
                // filters and operators given a value of the wrong type: the causes in Python's (or the filter's) words
                "filter_type_errors.yml",
                // a template's None: None for a variable written alone that holds None, '' for any other template
                "none_results.yml",
                // modules the engine has not, run as the controller's Ansible has them (ansible-core's, collections',
                // service's action): results, their own failures, check mode, second runs
                "controller_modules.yml",
                // debug's var rendered as Ansible's debug action renders it: undefined, None, a template, a value that is no text
                "debug_vars.yml",
                // Python filter and test plugins: the playbook's filter_plugins/, a role's filter_plugins/ and test_plugins/
                "python_plugins/site.yml");
    }

    static List<String> warningCases() {
        return List.of("condition_warnings.yml", "unsafe_conditions.yml", "meta_output.yml", "reserved_names.yml",
                // an untimed pause without a terminal: its question, then the warning that it does not wait
                "pause_lines.yml",
                // ansible.utils' warning for an empty value given to ipaddr (and the filters built on it)
                "ipaddr_warnings.yml",
                // modules of the playbook's library/ folder: new-style Python, WANT_JSON, old-style, junk, MODULE FAILURE,
                // check mode; their warnings (a module's own, junk after the JSON)
                "library_modules/site.yml");
    }

    static List<String> verboseCases() {
        return List.of("-v basics.yml", "-vv basics.yml", "-v handlers.yml", "-vv handlers.yml", "-vv handlers2.yml",
                "-v verbosity.yml", "-vv verbosity.yml", "-vv meta_output.yml", "-v roles.yml", "-vv roles.yml",
                "-v failures.yml", "-vv loop_var.yml", "-v include_loops.yml",
                // debug's undefined var with its cause
                "-v debug_undefined.yml",
                // the results of library/ modules as -v shows them (no invocation, warnings, stdout_lines)
                "-v library_modules/site.yml",
                // imports written with action: (statically imported: lines, task paths in the imported file)
                "-vv action_includes.yml",
                // another flag the same way: git's --diff (its prepared text: new checkouts' SHAs, git diff)
                "--diff git.yml",
                // apt and package against a file-based repository of tiny packages (needs dpkg-dev), with apt's
                // prepared diffs (what apt-get and dpkg said they would do or did)
                "--diff apt.yml",
                // --diff with tasks that say diff: false: only the diffs their modules give whatever the task says
                "--diff diff_off.yml",
                // a library/ module's diff in each form (text, mapping, prepared, a list; binary notes), in check mode too
                "--diff library_modules/diffs.yml",
                // check mode: what skipped tasks register (raw's action skip has no msg)
                "--check check_skips.yml",
                // --start-at-task: a statically imported role's task by its own name and by a glob of its shown name;
                // one inside an include_tasks file is not found (Ansible's error after the recap, exit 0)
                "--start-at-task=role_second start_at.yml", "--start-at-task=start_role*role_f??st start_at.yml",
                "--start-at-task=inc_second start_at.yml", "--start-at-task=Gathering* start_at.yml");
    }

    /**
     * Cases of one host compared line for line, in order, with their warnings (where a warning comes among the result
     * lines); a flag first (-v) as in {@link #verboseCases}.
     */
    static List<String> orderedCases() {
        // a loop's items' warnings: after the items' lines, a failed item's before its line, an item's in its -v result
        return List.of("loop_warnings.yml", "-v loop_warnings.yml");
    }

    private static String orderedFlag(String orderedCase) {
        return orderedCase.startsWith("-") ? flagOf(orderedCase) : null;
    }

    private static String orderedPlaybook(String orderedCase) {
        String flag = orderedFlag(orderedCase);
        return flag == null ? orderedCase : orderedCase.substring(flag.length() + 1);
    }

    /** The whole output, stdout and stderr as printed, line for line (what {@link #verboseShown} leaves out aside). */
    @ParameterizedTest
    @MethodSource("orderedCases")
    void outputInOrderMatchesAnsiblePlaybook(String orderedCase) throws Exception {
        String flag = orderedFlag(orderedCase);
        String playbook = orderedPlaybook(orderedCase);
        Shown theirs = ansible.shown("ordered " + orderedCase, AnsibleParityTest::inOrder);
        Run run = RUNS.exclusive(playbook, () -> engine(playbook, true, flag));
        Shown ours = inOrder(run);
        assertEquals(theirs.code(), ours.code(), "exit code\n--- ansible:\n" + theirs.text() + "\n--- engine:\n" + run.out());
        assertEquals(theirs.text(), ours.text());
    }

    @ParameterizedTest
    @MethodSource("plainCases")
    void engineOutputMatchesAnsiblePlaybook(String playbook) throws Exception {
        Shown theirs = ansible.shown("plain " + playbook, AnsibleParityTest::byBanner);
        Run run = RUNS.exclusive(playbook, () -> engine(playbook));
        assertSame(theirs, byBanner(run), run.out());
    }

    /** The exit code, then the banners and result lines; a failure shows ansible's (as compared) and the engine's output. */
    private static void assertSame(Shown theirs, Shown ours, String engineOutput) {
        assertEquals(theirs.code(), ours.code(), "exit code\n--- ansible:\n" + theirs.text() + "\n--- engine:\n" + engineOutput);
        assertEquals(theirs.blocks(), ours.blocks(), "output\n--- ansible:\n" + theirs.text() + "\n--- engine:\n" + engineOutput);
    }

    /**
     * As {@link #engineOutputMatchesAnsiblePlaybook}, with the warnings: ansible-playbook's stderr is in its output
     * already, the engine's is added to its own (the warnings come before the result line of their host).
     */
    @ParameterizedTest
    @MethodSource("warningCases")
    void engineOutputAndWarningsMatchAnsiblePlaybook(String playbook) throws Exception {
        Shown theirs = ansible.shown("warnings " + playbook, AnsibleParityTest::byBanner);
        Run run = RUNS.exclusive(playbook, () -> engine(playbook, true));
        assertSame(theirs, byBanner(run), run.out());
    }

    /**
     * As {@link #engineOutputMatchesAnsiblePlaybook} with {@code -v} or {@code -vv} (the case's first word): the results
     * as JSON, skipped ones too, the playbook's banner and play count, task paths, NOTIFIED HANDLER and META lines. Left
     * out of the comparison: each program's version block (the engine's says its own facts), Ansible's callback
     * plugin lines, the engine's project-config line; task paths and files are compared relative to the cases'
     * folder, the engine's column dropped (it prints {@code file:line:col}, Ansible {@code /path:line}).
     */
    @ParameterizedTest
    @MethodSource("verboseCases")
    void verboseOutputMatchesAnsiblePlaybook(String verboseCase) throws Exception {
        String flag = flagOf(verboseCase);
        String playbook = verboseCase.substring(flag.length() + 1);
        Shown theirs = ansible.shown("verbose " + verboseCase, AnsibleParityTest::verboseByBanner);
        Run run = RUNS.exclusive(playbook, () -> engine(playbook, true, flag));
        assertSame(theirs, verboseByBanner(run), verboseShown(run.out()));
    }

    /** What the plain and warning cases compare: the banners and result lines of the output. */
    private static Shown byBanner(Run run) {
        return new Shown(run.code(), blocks(MACHINE.of(run.out())));
    }

    /** What the verbose cases compare: the banners and result lines of {@link #verboseShown}. */
    private static Shown verboseByBanner(Run run) {
        return new Shown(run.code(), blocks(MACHINE.of(verboseShown(run.out()))));
    }

    /** What the ordered cases compare: every line of {@link #verboseShown}, in order. */
    private static Shown inOrder(Run run) {
        return new Shown(run.code(), Map.of("", List.of(MACHINE.of(verboseShown(run.out())).split("\n", -1))));
    }

    /** A verbose output with what {@link #verboseOutputMatchesAnsiblePlaybook} leaves out taken out. */
    static String verboseShown(String output) {
        StringBuilder out = new StringBuilder();
        boolean versionBlock = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("ansible-playbook [core ") || line.startsWith("runbook engine ")) {
                versionBlock = true;
                continue;
            }
            if (versionBlock && line.startsWith("  ")) {
                continue;
            }
            versionBlock = false;
            if (line.startsWith("Skipping callback ") || line.matches("Using .* as project config")) {
                continue;
            }
            java.util.regex.Matcher path = PLACE.matcher(line);
            if (path.matches()) {
                Path file = Path.of(path.group(2)).toAbsolutePath().normalize();
                line = path.group(1) + (file.startsWith(DIR) ? DIR.relativize(file).toString() : path.group(2))
                        + (path.group(3) == null ? "" : path.group(3));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** A line naming a place in a file: task path (line, the engine's column dropped), statically imported, N plays in. */
    private static final java.util.regex.Pattern PLACE = java.util.regex.Pattern.compile(
            "(task path: |statically imported: |\\d+ plays in )([^:]+?)(:\\d+)?(?::\\d+)?");

    private static Run engine(String playbook) {
        return engine(playbook, false);
    }

    /** The engine's run of the playbook; {@code withErr}: its stderr in the output too (but for the journal's line). */
    private static Run engine(String playbook, boolean withErr) {
        return engine(playbook, withErr, null);
    }

    private static Run engine(String playbook, boolean withErr, String flag) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>();
        if (flag != null) {
            args.add(flag);
        }
        for (String book : playbook.split(" ")) {
            args.add(DIR.resolve(book).toString());
        }
        args.addAll(List.of("-i", DIR.resolve("inventory.yml").toString()));
        PrintWriter stdout = new PrintWriter(out, true);
        int code = Main.execute(stdout, withErr ? stdout : new PrintWriter(new StringWriter(), true), args.toArray(String[]::new));
        return new Run(code, out.toString().replaceAll("(?m)^journal: .*\n", ""));
    }

    /** Banner → sorted result lines under it; the order of banners is kept. */
    static Map<String, List<String>> blocks(String output) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String banner = "";
        int n = 0;
        StringBuilder entry = null;
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.matches("^(PLAY|TASK|RUNNING HANDLER|PLAY RECAP|NO MORE HOSTS LEFT).* \\*+$")) {
                flush(entry, lines);
                entry = null;
                if (!lines.isEmpty() || !banner.isEmpty()) {
                    lines.sort(null);
                    out.put(n++ + " " + banner, lines);
                }
                banner = line.replaceAll(" \\*+$", "");
                lines = new ArrayList<>();
            } else if (line.isBlank()) {
                continue;
            } else if (line.startsWith(" ") || line.equals("}")) {
                if (entry != null) {
                    entry.append('\n').append(line);
                }
            } else {
                flush(entry, lines);
                entry = new StringBuilder(line);
            }
        }
        flush(entry, lines);
        lines.sort(null);
        out.put(n + " " + banner, lines);
        return out;
    }

    private static void flush(StringBuilder entry, List<String> lines) {
        if (entry != null) {
            lines.add(hostsSorted(entry.toString()));
        }
    }

    private static final java.util.regex.Pattern INCLUDED = java.util.regex.Pattern.compile("(included: .+? for )(.+?)( => .*)?");

    /**
     * An {@code included: FILE for HOSTS} line with its hosts sorted: Ansible's default callback names them in the
     * order their results came back (its hosts run in parallel), so only the set of hosts is compared.
     */
    static String hostsSorted(String line) {
        java.util.regex.Matcher m = INCLUDED.matcher(line);
        if (!m.matches()) {
            return line;
        }
        List<String> hosts = new ArrayList<>(List.of(m.group(2).split(", ")));
        hosts.sort(null);
        return m.group(1) + String.join(", ", hosts) + (m.group(3) == null ? "" : m.group(3));
    }
}
