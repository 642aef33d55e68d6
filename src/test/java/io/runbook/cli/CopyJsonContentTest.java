package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy's content given as (or templated into) a mapping or list is written as json.dumps, as ansible-playbook 2.14 writes it. */
class CopyJsonContentTest {
    @Test
    void aMappingOrListContentIsWrittenAsJson(@TempDir Path work) throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("copy-json/content.yml"), "-i", "localhost,", "-c", "local", "-e",
                "work=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("{\"fact_dir\": \"default\"}", Files.readString(work.resolve("fact.json")));
        assertEquals("[1, \"two\", {\"three\": true}]", Files.readString(work.resolve("list.json")));
        assertEquals("{\"b\": 1, \"a\": [null, 2.5, \"\\u00e9\"]}", Files.readString(work.resolve("mapping.json")));
    }
}
