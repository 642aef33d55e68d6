package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * set_stats' custom stats after the recap (show_custom_stats): {@code engine/callbacks/stats/stats.yml} run as a user
 * runs it in the folder's ansible.cfg, in each result format, its output compared with what ansible-playbook 2.14
 * printed (the folder's README): YAML dumped with PyYAML's indent and a one-space margin (four with
 * callback_format_pretty false), line breaks taken out; the stats of a no_log task counted as any other's.
 */
class CustomStatsOutputTest {
    private static final String DIR = "callbacks/stats/";

    @ParameterizedTest
    @CsvSource({"yaml.stdout,,", "yaml-flat.stdout,ANSIBLE_CALLBACK_FORMAT_PRETTY,false",
            "json.stdout,ANSIBLE_CALLBACK_RESULT_FORMAT,json"})
    void customStatsAreShownInTheResultFormatNoLogOnesCounted(String recorded, String variable, String value)
            throws IOException {
        RunResult r = CallbackOutputTest.run(DIR, "stats.yml", variable == null ? Map.of() : Map.of(variable, value));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + recorded)), r.out(), r.toString());
        assertEquals("", r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
    }
}
